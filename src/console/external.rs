//! `$EDITOR` as an alternative editor for a draft: the text goes to a private temporary file, the
//! editor runs on the real terminal (the event loop suspends the console around it), and the file's
//! text comes back. `$VISUAL` wins over `$EDITOR`; both may carry arguments ("code -w").

use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::PathBuf;
use std::process::Command;

/// The editor command from the environment: `$VISUAL`, else `$EDITOR`, else `vi`.
pub fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

fn temp_path() -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    std::env::temp_dir().join(format!("meja-draft-{}-{nanos}.txt", std::process::id()))
}

/// Runs `command` (a program and its arguments, split on whitespace) on a file holding `text`
/// and returns the file's text afterwards. The file is readable by its owner only and removed.
pub fn edit_with(command: &str, text: &str) -> Result<String, String> {
    let mut parts = command.split_whitespace();
    let program = parts.next().ok_or("no editor set")?;
    let path = temp_path();
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        file.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
        drop(file);
        let status = Command::new(program)
            .args(parts)
            .arg(&path)
            .status()
            .map_err(|e| format!("{program}: {e}"))?;
        if !status.success() {
            return Err(format!("{program}: {status}"));
        }
        std::fs::read_to_string(&path).map_err(|e| e.to_string())
    })();
    let _ = std::fs::remove_file(&path);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_editor_edits_a_private_file_that_is_removed_afterwards() {
        let out = edit_with("sed -i s/lama/baru/", "draf lama\nbaris dua").unwrap();
        assert_eq!(out, "draf baru\nbaris dua");
        let err = edit_with("false", "x").unwrap_err();
        assert!(err.starts_with("false:"), "{err}");
        assert!(edit_with("/no/such/editor", "x").is_err());
        let leftovers = std::fs::read_dir(std::env::temp_dir())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(&format!("meja-draft-{}-", std::process::id()))
            })
            .count();
        assert_eq!(leftovers, 0);
    }
}
