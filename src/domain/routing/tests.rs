use super::*;
use crate::domain::clock::Deadlines;
use crate::domain::types::Zone;

fn inst(
    id: i64,
    parent: Option<i64>,
    path: &str,
    code: &str,
    name: &str,
    kind: InstansiKind,
) -> Instansi {
    Instansi {
        id,
        parent_id: parent,
        code: code.into(),
        name: name.into(),
        kind,
        zone: Zone::Wib,
        path: path.into(),
        deadlines: Deadlines::default(),
        requires_approval: false,
        auto_escalate: false,
    }
}

fn world() -> Vec<Instansi> {
    use InstansiKind::*;
    vec![
        inst(1, None, "/1/", "NASIONAL", "Admin Nasional", Nasional),
        inst(2, Some(1), "/1/2/", "KOTA-SEMARANG", "Kota Semarang", Kota),
        inst(
            3,
            Some(2),
            "/1/2/3/",
            "KOTA-SEMARANG-DISHUB",
            "Dishub Kota Semarang",
            Unit,
        ),
        inst(
            4,
            Some(2),
            "/1/2/4/",
            "KOTA-SEMARANG-DINKES",
            "Dinkes Kota Semarang",
            Unit,
        ),
        inst(5, Some(1), "/1/5/", "KOTA-SOLO", "Kota Surakarta", Kota),
        inst(
            6,
            Some(5),
            "/1/5/6/",
            "KOTA-SOLO-DISHUB",
            "Dishub Kota Surakarta",
            Unit,
        ),
        inst(
            7,
            Some(5),
            "/1/5/7/",
            "KOTA-SOLO-DINKES",
            "Dinkes Kota Surakarta",
            Unit,
        ),
        inst(
            8,
            Some(1),
            "/1/8/",
            "KEMENHUB",
            "Kementerian Perhubungan",
            Kementerian,
        ),
    ]
}

fn run(report: &Report<'_>, disposed: &[InstansiId]) -> Vec<Suggestion> {
    let all = world();
    let names: Vec<Names> = all
        .iter()
        .map(|i| Names::new(&i.code, &i.name, []))
        .collect();
    let tree = Tree {
        instansi: &all,
        names: &names,
        may_dispose: &|_| true,
    };
    suggest(&tree, report, disposed)
}

#[test]
fn similar_reports_vote_for_where_they_went() {
    let r = Report {
        judul: "Parkir liar",
        isi: "Parkir liar di depan pasar",
        lokasi: None,
        holder: 1,
    };
    let s = run(&r, &[6, 6, 6, 8]);
    assert_eq!(s[0].code, "KOTA-SOLO-DISHUB");
    assert_eq!(
        s[0].reasons[0],
        Reason::Similar {
            count: 3,
            to: "Dishub Kota Surakarta".into()
        }
    );
    assert_eq!(
        s[0].reasons[0].text(Lang::En),
        "3 similar reports went to Dishub Kota Surakarta"
    );
    assert_eq!(s[1].code, "KEMENHUB");
}

#[test]
fn the_same_office_of_the_reports_place_takes_the_votes_of_other_places() {
    let r = Report {
        judul: "Parkir liar",
        isi: "Parkir liar di depan pasar",
        lokasi: Some("Jl. Pemuda, Kelurahan Sekayu, Kota Semarang"),
        holder: 1,
    };
    let s = run(&r, &[6, 6, 6, 7]);
    assert_eq!(s[0].code, "KOTA-SEMARANG-DISHUB", "{s:?}");
    assert!(matches!(
        s[0].reasons[0],
        Reason::SameOffice { count: 3, .. }
    ));
}

#[test]
fn a_name_in_the_text_leads() {
    let r = Report {
        judul: "Parkir liar",
        isi: "Yth. Dinas Kesehatan Kota Semarang, parkir liar di depan puskesmas",
        lokasi: None,
        holder: 1,
    };
    let s = run(&r, &[6, 6, 6]);
    assert_eq!(s[0].code, "KOTA-SEMARANG-DINKES");
    assert_eq!(
        s[0].reasons[0].text(Lang::En),
        "the text names Dinkes Kota Semarang"
    );
}

#[test]
fn only_what_the_actor_may_dispose_to_is_suggested() {
    let all = world();
    let names: Vec<Names> = all
        .iter()
        .map(|i| Names::new(&i.code, &i.name, []))
        .collect();
    let tree = Tree {
        instansi: &all,
        names: &names,
        may_dispose: &|i: &Instansi| i.path.starts_with("/1/2/"),
    };
    let r = Report {
        judul: "Parkir liar",
        isi: "Parkir liar",
        lokasi: None,
        holder: 2,
    };
    let s = suggest(&tree, &r, &[6, 6, 3]);
    assert!(
        s.iter().all(|x| x.code.starts_with("KOTA-SEMARANG-")),
        "{s:?}"
    );
    assert_eq!(s[0].code, "KOTA-SEMARANG-DISHUB");
}
