//! Themes: the 16 named ANSI colours by default (they follow the user's palette and cost the fewest
//! bytes), and a monochrome theme of default colours with bold, reverse and underline only, for
//! NO_COLOR and `--color never`. The monochrome theme never sets a colour, so the backend never
//! writes a colour sequence (crossterm would otherwise write a bare reset that cancels reverse video).

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub mono: bool,
    pub header: Style,
    pub tab: Style,
    pub tab_active: Style,
    pub column_head: Style,
    pub selected: Style,
    pub mark: Style,
    pub overdue: Style,
    pub due_soon: Style,
    pub paused: Style,
    pub closed: Style,
    pub label: Style,
    pub title: Style,
    pub key: Style,
    pub error: Style,
    pub notice: Style,
    pub border: Style,
    pub new_row: Style,
    /// Status codes that ask for someone's hand: a new report, a reply awaiting approval.
    pub status_new: Style,
    pub status_wait: Style,
    /// The escalation mark before a title.
    pub escalated: Style,
    /// The border of the focused pane.
    pub focus: Style,
    /// A word of the detail's title or body that the filter's words match (by stem).
    pub matched: Style,
}

impl Theme {
    pub fn color() -> Theme {
        let plain = Style::new();
        Theme {
            mono: false,
            header: plain.add_modifier(Modifier::BOLD),
            tab: plain,
            tab_active: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            column_head: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: plain.add_modifier(Modifier::REVERSED),
            mark: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            overdue: plain.fg(Color::Red).add_modifier(Modifier::BOLD),
            due_soon: plain.fg(Color::Yellow),
            paused: plain.fg(Color::Cyan),
            closed: plain.fg(Color::DarkGray),
            // Labels stay plain: a bold label costs two attribute changes per line redrawn.
            label: plain,
            title: plain.add_modifier(Modifier::BOLD),
            key: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            error: plain.fg(Color::Red).add_modifier(Modifier::BOLD),
            notice: plain.fg(Color::Green),
            border: plain,
            new_row: plain.add_modifier(Modifier::BOLD),
            status_new: plain.fg(Color::Cyan),
            status_wait: plain.fg(Color::Magenta),
            escalated: plain.fg(Color::Magenta).add_modifier(Modifier::BOLD),
            focus: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            matched: plain.fg(Color::Yellow).add_modifier(Modifier::REVERSED),
        }
    }

    pub fn mono() -> Theme {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        Theme {
            mono: true,
            header: bold,
            tab: plain,
            tab_active: plain.add_modifier(Modifier::REVERSED | Modifier::BOLD),
            column_head: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            selected: plain.add_modifier(Modifier::REVERSED),
            mark: bold,
            overdue: bold,
            due_soon: plain.add_modifier(Modifier::UNDERLINED),
            paused: plain,
            closed: plain,
            label: plain,
            title: bold,
            key: bold,
            error: bold,
            notice: plain,
            border: plain,
            new_row: bold,
            status_new: plain,
            status_wait: plain,
            escalated: bold,
            focus: bold,
            matched: plain.add_modifier(Modifier::REVERSED),
        }
    }

    pub fn by_mono(mono: bool) -> Theme {
        if mono { Theme::mono() } else { Theme::color() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mono_sets_no_colour() {
        let t = Theme::mono();
        for s in [
            t.header,
            t.tab,
            t.tab_active,
            t.column_head,
            t.selected,
            t.mark,
            t.overdue,
            t.due_soon,
            t.paused,
            t.closed,
            t.label,
            t.title,
            t.key,
            t.error,
            t.notice,
            t.border,
            t.new_row,
            t.status_new,
            t.status_wait,
            t.escalated,
            t.focus,
            t.matched,
        ] {
            assert_eq!(s.fg, None);
            assert_eq!(s.bg, None);
            assert_eq!(s.underline_color, None);
        }
    }
}
