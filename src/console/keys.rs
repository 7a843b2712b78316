//! Keys as keymap files write them ("j", "G", "C-l", "PgDn", "F10", "g g") and as the terminal
//! reports them (crossterm key events), normalized so that both compare equal.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyName {
    Char(char),
    F(u8),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Home,
    End,
    PageUp,
    PageDown,
    Up,
    Down,
    Left,
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub name: KeyName,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn plain(name: KeyName) -> Key {
        Key {
            name,
            ctrl: false,
            alt: false,
        }
    }

    pub const fn ch(c: char) -> Key {
        Key::plain(KeyName::Char(c))
    }

    /// The key of a terminal event; None for releases and keys meja never binds.
    pub fn from_event(ev: &KeyEvent) -> Option<Key> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let alt = ev.modifiers.contains(KeyModifiers::ALT);
        let shift = ev.modifiers.contains(KeyModifiers::SHIFT);
        let name = match ev.code {
            KeyCode::Char(c) if ctrl && c.is_ascii_uppercase() => {
                KeyName::Char(c.to_ascii_lowercase())
            }
            KeyCode::Char(c) => KeyName::Char(c),
            KeyCode::F(n) => KeyName::F(n),
            KeyCode::Enter => KeyName::Enter,
            KeyCode::Esc => KeyName::Esc,
            KeyCode::Tab if shift => KeyName::BackTab,
            KeyCode::Tab => KeyName::Tab,
            KeyCode::BackTab => KeyName::BackTab,
            KeyCode::Backspace => KeyName::Backspace,
            KeyCode::Delete => KeyName::Delete,
            KeyCode::Insert => KeyName::Insert,
            KeyCode::Home => KeyName::Home,
            KeyCode::End => KeyName::End,
            KeyCode::PageUp => KeyName::PageUp,
            KeyCode::PageDown => KeyName::PageDown,
            KeyCode::Up => KeyName::Up,
            KeyCode::Down => KeyName::Down,
            KeyCode::Left => KeyName::Left,
            KeyCode::Right => KeyName::Right,
            _ => return None,
        };
        Some(Key { name, ctrl, alt })
    }

    /// The crossterm event that produces this key (used by tests and the headless driver).
    pub fn to_event(self) -> KeyEvent {
        let mut mods = KeyModifiers::empty();
        if self.ctrl {
            mods |= KeyModifiers::CONTROL;
        }
        if self.alt {
            mods |= KeyModifiers::ALT;
        }
        let code = match self.name {
            KeyName::Char(c) => {
                if c.is_uppercase() {
                    mods |= KeyModifiers::SHIFT;
                }
                KeyCode::Char(c)
            }
            KeyName::F(n) => KeyCode::F(n),
            KeyName::Enter => KeyCode::Enter,
            KeyName::Esc => KeyCode::Esc,
            KeyName::Tab => KeyCode::Tab,
            KeyName::BackTab => {
                mods |= KeyModifiers::SHIFT;
                KeyCode::BackTab
            }
            KeyName::Backspace => KeyCode::Backspace,
            KeyName::Delete => KeyCode::Delete,
            KeyName::Insert => KeyCode::Insert,
            KeyName::Home => KeyCode::Home,
            KeyName::End => KeyCode::End,
            KeyName::PageUp => KeyCode::PageUp,
            KeyName::PageDown => KeyCode::PageDown,
            KeyName::Up => KeyCode::Up,
            KeyName::Down => KeyCode::Down,
            KeyName::Left => KeyCode::Left,
            KeyName::Right => KeyCode::Right,
        };
        KeyEvent::new(code, mods)
    }

    /// Parses one key: "j", "G", "?", "C-l", "A-x", "S-Tab", "Enter", "PgDn", "F10", "Space".
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut rest = text;
        let mut ctrl = false;
        let mut alt = false;
        let mut shift = false;
        loop {
            let lower = rest.to_ascii_lowercase();
            let prefix = [
                "c-", "ctrl-", "ctrl+", "a-", "alt-", "alt+", "m-", "s-", "shift-", "shift+",
            ]
            .into_iter()
            .find(|p| lower.starts_with(p) && rest.len() > p.len());
            match prefix {
                Some(p) => {
                    match p.chars().next() {
                        Some('c') => ctrl = true,
                        Some('s') => shift = true,
                        _ => alt = true,
                    }
                    rest = &rest[p.len()..];
                }
                None => break,
            }
        }
        let mut chars = rest.chars();
        let name = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyName::Char(if ctrl { c.to_ascii_lowercase() } else { c }),
            (None, _) => return Err(format!("empty key name in '{text}'")),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" | "ret" | "cr" => KeyName::Enter,
                "esc" | "escape" => KeyName::Esc,
                "tab" if shift => KeyName::BackTab,
                "tab" => KeyName::Tab,
                "backtab" => KeyName::BackTab,
                "backspace" | "bs" | "bksp" => KeyName::Backspace,
                "delete" | "del" => KeyName::Delete,
                "insert" | "ins" => KeyName::Insert,
                "home" => KeyName::Home,
                "end" => KeyName::End,
                "pageup" | "pgup" => KeyName::PageUp,
                "pagedown" | "pgdn" | "pgdown" => KeyName::PageDown,
                "up" => KeyName::Up,
                "down" => KeyName::Down,
                "left" => KeyName::Left,
                "right" => KeyName::Right,
                "space" | "spc" => KeyName::Char(' '),
                f if f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=24) => KeyName::F(n),
                    _ => return Err(format!("unknown key '{text}'")),
                },
                _ => return Err(format!("unknown key '{text}'")),
            },
        };
        Ok(Key { name, ctrl, alt })
    }

    /// Parses a sequence of keys separated by spaces: "g g".
    pub fn parse_seq(text: &str) -> Result<Vec<Key>, String> {
        if text == " " {
            return Ok(vec![Key::ch(' ')]);
        }
        let keys = text
            .split_whitespace()
            .map(Key::parse)
            .collect::<Result<Vec<_>, _>>()?;
        if keys.is_empty() {
            return Err("empty key".into());
        }
        Ok(keys)
    }

    /// Whether the key types a character into a text prompt when it is not bound there.
    pub fn typed_char(self) -> Option<char> {
        match self.name {
            KeyName::Char(c) if !self.ctrl && !self.alt && !c.is_control() => Some(c),
            _ => None,
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("C-")?;
        }
        if self.alt {
            f.write_str("A-")?;
        }
        match self.name {
            KeyName::Char(' ') => f.write_str("Space"),
            KeyName::Char(c) => write!(f, "{c}"),
            KeyName::F(n) => write!(f, "F{n}"),
            KeyName::Enter => f.write_str("Enter"),
            KeyName::Esc => f.write_str("Esc"),
            KeyName::Tab => f.write_str("Tab"),
            KeyName::BackTab => f.write_str("S-Tab"),
            KeyName::Backspace => f.write_str("Bksp"),
            KeyName::Delete => f.write_str("Del"),
            KeyName::Insert => f.write_str("Ins"),
            KeyName::Home => f.write_str("Home"),
            KeyName::End => f.write_str("End"),
            KeyName::PageUp => f.write_str("PgUp"),
            KeyName::PageDown => f.write_str("PgDn"),
            KeyName::Up => f.write_str("↑"),
            KeyName::Down => f.write_str("↓"),
            KeyName::Left => f.write_str("←"),
            KeyName::Right => f.write_str("→"),
        }
    }
}

/// "g g" for a sequence.
pub fn seq_to_string(keys: &[Key]) -> String {
    keys.iter()
        .map(|k| k.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_display() {
        for (text, shown) in [
            ("j", "j"),
            ("G", "G"),
            ("C-l", "C-l"),
            ("Ctrl-L", "C-l"),
            ("ctrl+r", "C-r"),
            ("PgDn", "PgDn"),
            ("PageDown", "PgDn"),
            ("F10", "F10"),
            ("S-Tab", "S-Tab"),
            ("Space", "Space"),
            ("A-x", "A-x"),
            ("-", "-"),
            ("Up", "↑"),
        ] {
            assert_eq!(Key::parse(text).unwrap().to_string(), shown, "{text}");
        }
        assert!(Key::parse("F99").is_err());
        assert!(Key::parse("Hyper").is_err());
        assert_eq!(Key::parse_seq("g g").unwrap().len(), 2);
    }

    #[test]
    fn events_round_trip() {
        for text in [
            "j", "G", "C-l", "Enter", "S-Tab", "F2", "?", "PgUp", "Space",
        ] {
            let k = Key::parse(text).unwrap();
            assert_eq!(Key::from_event(&k.to_event()), Some(k), "{text}");
        }
    }
}
