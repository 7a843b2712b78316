//! A one-line text input, beneath the state and the forms that both hold one: the filter and
//! palette prompts, and each field of a working form.

use crate::domain::filter::FilterError;

/// A one-line text input: the filter and palette prompts, a form field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prompt {
    pub text: String,
    /// Cursor position in characters.
    pub cursor: usize,
    pub error: Option<FilterError>,
}

impl Prompt {
    pub fn with(text: &str) -> Prompt {
        Prompt {
            text: text.to_string(),
            cursor: text.chars().count(),
            error: None,
        }
    }
    fn byte_at(&self, char_idx: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_idx)
            .map(|(i, _)| i)
            .unwrap_or(self.text.len())
    }
    pub fn insert(&mut self, c: char) {
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }
    pub fn backspace(&mut self) {
        if self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }
    pub fn delete(&mut self) {
        if self.cursor < self.text.chars().count() {
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }
    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
        self.error = None;
    }
}
