//! Forms and pickers: the triage forms (verify & dispose, hold, return, archive), the assignee
//! picker, escalation, close/reopen, send back, merge and link, and the template chooser. Pure:
//! a form is fields of typed text; each field validates as it is typed and a choice field narrows
//! its options to what the text matches. A form turns into one store action (`Form::action`).

use super::i18n::{Lang, T};
use super::prompt::Prompt;
use crate::domain::instansi_match::{Names, Query};
use crate::domain::lifecycle::{Action as DomainAction, ComplaintId, Named, Verification};
use crate::domain::types::{ArchiveReason, Klasifikasi};
use chrono::{Datelike, NaiveDate};

/// One option of a choice: the value sent to the store, what is shown, and a second column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opt {
    pub value: String,
    pub label: String,
    pub extra: String,
    /// An instansi's names as the matcher reads them: typing narrows by them (its full name, its
    /// abbreviations, its aliases), not only by the words shown.
    pub names: Option<std::sync::Arc<Names>>,
}

impl Opt {
    pub fn new(
        value: impl Into<String>,
        label: impl Into<String>,
        extra: impl Into<String>,
    ) -> Opt {
        Opt {
            value: value.into(),
            label: label.into(),
            extra: extra.into(),
            names: None,
        }
    }

    /// An instansi option, narrowed by the matcher.
    pub fn instansi(
        i: &crate::domain::Instansi,
        names: Option<&std::sync::Arc<Names>>,
        extra: String,
    ) -> Opt {
        Opt {
            names: names.cloned(),
            ..Opt::new(i.code.clone(), i.name.clone(), extra)
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    Assign,
    Verify,
    Dispose,
    Hold,
    Return,
    Archive,
    Escalate,
    Deescalate,
    Close,
    Reopen,
    SendBack,
    Merge,
    Link,
    Template,
    /// The reporter's answer, taken by phone or at the desk, with when it was given.
    ReporterReply,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Text {
        required: bool,
    },
    /// A date after today (a hold ends on a day still to come).
    Date,
    /// When something happened, if earlier than now: `HH:MM` today or `YYYY-MM-DD HH:MM`, in the
    /// zone of the instansi holding the complaint; empty means now.
    Time,
    /// One of `options`, narrowed by the typed text; `sel` indexes the narrowed list.
    Choice {
        options: Vec<Opt>,
        required: bool,
        sel: usize,
    },
    /// A complaint: a typed tracking number, or one of the suggestions.
    Complaint {
        options: Vec<Opt>,
        sel: usize,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: T,
    pub input: Prompt,
    pub kind: FieldKind,
}

/// Parses "2026-12-01", "1/12/2026", "1-12-2026" or "1/12" (this year).
pub fn parse_date(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    let t = text.trim();
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Some(d);
    }
    let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
    let num = |s: &str| s.trim().parse::<u32>().ok();
    match parts[..] {
        [d, m, y] => {
            let y = num(y)? as i32;
            let y = if y < 100 { 2000 + y } else { y };
            NaiveDate::from_ymd_opt(y, num(m)?, num(d)?)
        }
        [d, m] => NaiveDate::from_ymd_opt(today.year(), num(m)?, num(d)?),
        _ => None,
    }
}

/// `HH:MM` (today) or `YYYY-MM-DD HH:MM`, as a local time.
pub fn parse_local_time(text: &str, today: NaiveDate) -> Option<chrono::NaiveDateTime> {
    let t = text.trim();
    if let Ok(dt) = chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M") {
        return Some(dt);
    }
    chrono::NaiveTime::parse_from_str(t, "%H:%M")
        .ok()
        .map(|time| today.and_time(time))
}

fn words_match(query: &str, read: &Query, opt: &Opt) -> bool {
    if opt.names.as_ref().is_some_and(|n| n.narrows_to_read(read)) {
        return true;
    }
    let hay = format!("{} {} {}", opt.label, opt.extra, opt.value).to_lowercase();
    query
        .to_lowercase()
        .split_whitespace()
        .all(|w| hay.contains(w))
}

impl Field {
    pub fn text(label: T, value: &str, required: bool) -> Field {
        Field {
            label,
            input: Prompt::with(value),
            kind: FieldKind::Text { required },
        }
    }

    pub fn date(label: T) -> Field {
        Field {
            label,
            input: Prompt::default(),
            kind: FieldKind::Date,
        }
    }

    pub fn time(label: T) -> Field {
        Field {
            label,
            input: Prompt::default(),
            kind: FieldKind::Time,
        }
    }

    pub fn choice(label: T, options: Vec<Opt>, required: bool) -> Field {
        Field {
            label,
            input: Prompt::default(),
            kind: FieldKind::Choice {
                options,
                required,
                sel: 0,
            },
        }
    }

    pub fn complaint(label: T, options: Vec<Opt>) -> Field {
        Field {
            label,
            input: Prompt::default(),
            kind: FieldKind::Complaint { options, sel: 0 },
        }
    }

    /// The options the typed text matches, in order (all of them when nothing is typed).
    pub fn matches(&self) -> Vec<&Opt> {
        let q = self.input.text.trim().trim_start_matches('#');
        let read = Query::new(q);
        match &self.kind {
            FieldKind::Choice { options, .. } | FieldKind::Complaint { options, .. } => options
                .iter()
                .filter(|o| q.is_empty() || words_match(q, &read, o))
                .collect(),
            _ => Vec::new(),
        }
    }

    pub fn options_mut(&mut self) -> Option<&mut Vec<Opt>> {
        match &mut self.kind {
            FieldKind::Choice { options, .. } | FieldKind::Complaint { options, .. } => {
                Some(options)
            }
            _ => None,
        }
    }

    pub fn sel(&self) -> usize {
        match &self.kind {
            FieldKind::Choice { sel, .. } | FieldKind::Complaint { sel, .. } => *sel,
            _ => 0,
        }
    }

    /// Moves the highlighted option by `by` within the narrowed list.
    pub fn move_sel(&mut self, by: isize) {
        let n = self.matches().len();
        if let FieldKind::Choice { sel, .. } | FieldKind::Complaint { sel, .. } = &mut self.kind {
            let max = n.saturating_sub(1) as isize;
            *sel = (*sel as isize + by).clamp(0, max) as usize;
        }
    }

    /// After typing: the highlight goes back to the best match.
    pub fn edited(&mut self) {
        if let FieldKind::Choice { sel, .. } | FieldKind::Complaint { sel, .. } = &mut self.kind {
            *sel = 0;
        }
    }

    pub fn is_choice(&self) -> bool {
        matches!(
            self.kind,
            FieldKind::Choice { .. } | FieldKind::Complaint { .. }
        )
    }

    /// The highlighted option, if the field is a choice with a match.
    pub fn chosen(&self) -> Option<&Opt> {
        let m = self.matches();
        m.get(self.sel().min(m.len().saturating_sub(1))).copied()
    }

    /// The field's value as text for the store (None: nothing given), or why it is not valid.
    pub fn value(&self, today: NaiveDate) -> Result<Option<String>, T> {
        let text = self.input.text.trim();
        match &self.kind {
            FieldKind::Text { required } => {
                if text.is_empty() {
                    if *required {
                        Err(T::FormRequired)
                    } else {
                        Ok(None)
                    }
                } else {
                    Ok(Some(text.to_string()))
                }
            }
            FieldKind::Date => {
                if text.is_empty() {
                    return Err(T::FormRequired);
                }
                match parse_date(text, today) {
                    None => Err(T::FormBadDate),
                    Some(d) if d <= today => Err(T::FormPastDate),
                    Some(d) => Ok(Some(d.to_string())),
                }
            }
            FieldKind::Time => {
                if text.is_empty() {
                    return Ok(None);
                }
                parse_local_time(text, today)
                    .map(|t| Some(t.format("%Y-%m-%d %H:%M").to_string()))
                    .ok_or(T::FormBadTime)
            }
            FieldKind::Choice { required, .. } => {
                if text.is_empty() && !required {
                    return Ok(None);
                }
                match self.chosen() {
                    Some(o) => Ok(Some(o.value.clone())),
                    None if text.is_empty() => Err(T::FormRequired),
                    None => Err(T::FormNoMatch),
                }
            }
            FieldKind::Complaint { .. } => {
                let digits = text.trim_start_matches('#');
                if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
                    return match digits.parse::<i64>() {
                        Ok(n) => Ok(Some(n.to_string())),
                        Err(_) => Err(T::FormBadNumber),
                    };
                }
                match self.chosen() {
                    Some(o) => Ok(Some(o.value.clone())),
                    None if text.is_empty() => Err(T::FormRequired),
                    None => Err(T::FormNoMatch),
                }
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub kind: FormKind,
    /// The complaints acted on, each with the version the officer saw (None in bulk).
    pub items: Vec<(ComplaintId, Option<i64>)>,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Options are still being fetched (officers, duplicates, templates).
    pub loading: bool,
    pub today: NaiveDate,
    /// The time zone of the instansi holding the complaint: local times typed here are its.
    pub zone: crate::domain::Zone,
    /// The tags before verifying (None: not known, an empty field keeps them).
    pub orig_tags: Option<Vec<String>>,
    pub orig_judul: Option<String>,
    /// How many options at the top of the instansi picker are routing suggestions (0 while
    /// they load, or when there are none).
    pub suggested: usize,
}

impl Form {
    pub fn new(
        kind: FormKind,
        items: Vec<(ComplaintId, Option<i64>)>,
        fields: Vec<Field>,
        today: NaiveDate,
    ) -> Form {
        Form {
            kind,
            items,
            fields,
            focus: 0,
            loading: false,
            today,
            zone: crate::domain::Zone::Wib,
            orig_tags: None,
            orig_judul: None,
            suggested: 0,
        }
    }

    pub fn field(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    pub fn field_mut(&mut self) -> Option<&mut Field> {
        self.fields.get_mut(self.focus)
    }

    /// The instansi picker of a verify or dispose form.
    pub fn target_field(&self) -> Option<usize> {
        matches!(self.kind, FormKind::Verify | FormKind::Dispose)
            .then(|| self.fields.iter().position(|f| f.label == T::FieldTarget))
            .flatten()
    }

    /// Picks the first routing suggestion in the instansi picker (the accept-suggestion key):
    /// its name typed, so that it is the highlighted match. False when there is none.
    pub fn accept_suggestion(&mut self) -> bool {
        let Some(i) = self.target_field().filter(|_| self.suggested > 0) else {
            return false;
        };
        let field = &mut self.fields[i];
        let Some(first) = field.options_mut().and_then(|o| o.first().cloned()) else {
            return false;
        };
        field.input = Prompt::with(&first.label);
        field.edited();
        self.focus = i;
        true
    }

    pub fn bulk(&self) -> bool {
        self.items.len() > 1
    }

    /// Archive and merge ask first; so does anything done to many complaints.
    pub fn needs_confirm(&self) -> bool {
        self.bulk() || matches!(self.kind, FormKind::Archive | FormKind::Merge)
    }

    /// The first field that is not valid, with why.
    pub fn first_error(&self) -> Option<(usize, T)> {
        self.fields
            .iter()
            .enumerate()
            .find_map(|(i, f)| f.value(self.today).err().map(|e| (i, e)))
    }

    pub fn title(&self, lang: Lang) -> String {
        let id = self
            .items
            .first()
            .map(|(id, _)| id.to_string())
            .unwrap_or_default();
        let key = match self.kind {
            FormKind::Assign => T::FormAssign,
            FormKind::Verify => T::FormVerify,
            FormKind::Dispose => T::FormDispose,
            FormKind::Hold => T::FormHold,
            FormKind::Return => T::FormReturn,
            FormKind::Archive => T::FormArchive,
            FormKind::Escalate => T::FormEscalate,
            FormKind::Deescalate => T::FormDeescalate,
            FormKind::Close => T::FormClose,
            FormKind::Reopen => T::FormReopen,
            FormKind::SendBack => T::FormSendBack,
            FormKind::Merge => T::FormMerge,
            FormKind::Link => T::FormLink,
            FormKind::Template => T::FormTemplate,
            FormKind::ReporterReply => T::FormReporterReply,
        };
        if self.bulk() {
            let what = lang.t(key).replace(" #{id}", "").replace(" #{id}…", "");
            return lang.fmt(
                T::FormBulk,
                &[
                    ("what", &what),
                    ("n", &lang.number(self.items.len() as i64)),
                ],
            );
        }
        lang.fmt(key, &[("id", &id)])
    }

    /// The store action the form describes, or the first field in the way.
    pub fn action(&self) -> Result<DomainAction<Named>, (usize, T)> {
        if let Some(e) = self.first_error() {
            return Err(e);
        }
        let v = |i: usize| -> Option<String> {
            self.fields
                .get(i)
                .and_then(|f| f.value(self.today).ok().flatten())
        };
        let text = |i: usize| v(i).unwrap_or_default();
        let number = |i: usize| v(i).and_then(|n| n.parse::<i64>().ok()).unwrap_or(0);
        Ok(match self.kind {
            FormKind::Assign => DomainAction::Assign { to: text(0) },
            FormKind::Verify => {
                let judul = v(0).filter(|j| Some(j) != self.orig_judul.as_ref());
                let tags_text = v(3);
                let tags: Option<Vec<String>> = match (&tags_text, &self.orig_tags) {
                    (None, None) => None,
                    (t, orig) => {
                        let list: Vec<String> = t
                            .as_deref()
                            .unwrap_or("")
                            .split(',')
                            .map(|x| x.trim().to_string())
                            .filter(|x| !x.is_empty())
                            .collect();
                        if Some(&list) == orig.as_ref() {
                            None
                        } else {
                            Some(list)
                        }
                    }
                };
                DomainAction::Verify {
                    changes: Verification {
                        judul,
                        klasifikasi: v(1).and_then(|k| Klasifikasi::from_code(&k)),
                        kategori_id: v(2).and_then(|k| k.parse().ok()),
                        tags,
                    },
                    dispose_to: v(4),
                }
            }
            FormKind::Dispose => DomainAction::Dispose { to: text(0) },
            FormKind::Hold => DomainAction::Hold {
                until: v(0)
                    .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
                    .unwrap_or(self.today),
                reason: text(1),
            },
            FormKind::Return => DomainAction::ReturnNotAuthority { reason: text(0) },
            FormKind::Archive => DomainAction::Archive {
                reason: v(0)
                    .and_then(|r| ArchiveReason::from_code(&r))
                    .unwrap_or(ArchiveReason::TidakJelas),
                note: text(1),
            },
            FormKind::Escalate => DomainAction::Escalate {
                to: text(0),
                reason: text(1),
            },
            FormKind::Deescalate => DomainAction::Deescalate { note: text(0) },
            FormKind::Close => DomainAction::Close { note: text(0) },
            FormKind::Reopen => DomainAction::Reopen { reason: text(0) },
            FormKind::SendBack => DomainAction::SendBack { note: text(0) },
            FormKind::Merge => DomainAction::Merge { into: number(0) },
            FormKind::Link => DomainAction::Link { other: number(0) },
            FormKind::Template => return Err((0, T::FormNoMatch)),
            FormKind::ReporterReply => DomainAction::ReporterReply { body: text(0) },
        })
    }

    /// When the action happened, from the form's time field (None: now).
    pub fn happened(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        use chrono::TimeZone;
        let field = self
            .fields
            .iter()
            .find(|f| matches!(f.kind, FieldKind::Time))?;
        let local = parse_local_time(&field.input.text, self.today)?;
        self.zone
            .offset()
            .from_local_datetime(&local)
            .single()
            .map(|t| t.with_timezone(&chrono::Utc))
    }
}

pub fn archive_options(lang: Lang) -> Vec<Opt> {
    ArchiveReason::ALL
        .iter()
        .map(|r| {
            let label = lang.t(match r {
                ArchiveReason::TidakJelas => T::ArTidakJelas,
                ArchiveReason::TerlaluUmum => T::ArTerlaluUmum,
                ArchiveReason::BukanPelayananPublik => T::ArBukanPelayanan,
                ArchiveReason::Duplikat => T::ArDuplikat,
                ArchiveReason::Spam => T::ArSpam,
            });
            Opt::new(r.as_code(), label, r.as_code())
        })
        .collect()
}

pub fn escalation_options(lang: Lang) -> Vec<Opt> {
    vec![
        Opt::new("atasan", lang.t(T::EscAtasan), ""),
        Opt::new("induk", lang.t(T::EscInduk), ""),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    #[test]
    fn dates_parse_in_several_forms_and_must_not_be_past() {
        let t = today();
        let d = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        for text in ["2026-12-01", "1/12/2026", "01-12-2026", "1/12", "1.12.26"] {
            assert_eq!(parse_date(text, t), Some(d), "{text}");
        }
        assert_eq!(parse_date("31/2/2026", t), None);
        let mut f = Field::date(T::FieldUntil);
        assert_eq!(f.value(t), Err(T::FormRequired));
        f.input = Prompt::with("1/1/2020");
        assert_eq!(f.value(t), Err(T::FormPastDate));
        f.input = Prompt::with("besok");
        assert_eq!(f.value(t), Err(T::FormBadDate));
        f.input = Prompt::with("1/12");
        assert_eq!(f.value(t), Ok(Some("2026-12-01".into())));
    }

    #[test]
    fn choices_narrow_as_you_type_and_validate() {
        let opts = vec![
            Opt::new("PUPR", "Dinas PUPR Kota Pontianak", "PUPR"),
            Opt::new("DINKES", "Dinas Kesehatan Kota Pontianak", "DINKES"),
            Opt::new("KEMENKES", "Kementerian Kesehatan", "KEMENKES"),
        ];
        let mut f = Field::choice(T::FieldTarget, opts, false);
        assert_eq!(f.value(today()), Ok(None));
        f.input = Prompt::with("kesehatan pont");
        assert_eq!(f.matches().len(), 1);
        assert_eq!(f.value(today()), Ok(Some("DINKES".into())));
        f.input = Prompt::with("kesehatan");
        f.move_sel(1);
        assert_eq!(f.value(today()), Ok(Some("KEMENKES".into())));
        f.move_sel(5);
        assert_eq!(f.sel(), 1);
        f.input = Prompt::with("polisi");
        assert_eq!(f.value(today()), Err(T::FormNoMatch));
    }

    #[test]
    fn forms_become_store_actions() {
        let mut form = Form::new(
            FormKind::Hold,
            vec![(5, Some(2))],
            vec![
                Field::date(T::FieldUntil),
                Field::text(T::FieldReason, "", true),
            ],
            today(),
        );
        assert_eq!(form.action(), Err((0, T::FormRequired)));
        form.fields[0].input = Prompt::with("4/12/2026");
        assert_eq!(form.action(), Err((1, T::FormRequired)));
        form.fields[1].input = Prompt::with("menunggu data");
        assert_eq!(
            form.action(),
            Ok(DomainAction::Hold {
                until: NaiveDate::from_ymd_opt(2026, 12, 4).unwrap(),
                reason: "menunggu data".into()
            })
        );
        let mut merge = Form::new(
            FormKind::Merge,
            vec![(5, Some(2))],
            vec![Field::complaint(
                T::FieldComplaint,
                vec![Opt::new("77", "#77 Jalan rusak", "")],
            )],
            today(),
        );
        assert!(merge.needs_confirm());
        assert_eq!(merge.action(), Ok(DomainAction::Merge { into: 77 }));
        merge.fields[0].input = Prompt::with("#1234");
        assert_eq!(merge.action(), Ok(DomainAction::Merge { into: 1234 }));
    }
}
