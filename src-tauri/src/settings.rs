//! The app's own settings file, `settings.json` in the platform's config
//! directory (`~/.config/org.dossier.desktop/` on Linux): the dataset folder
//! the user chose, reopened at the next start. Nothing else is kept.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// What the app remembers between runs.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// The dataset folder in use; none: the built-in dataset.
    #[serde(default)]
    pub dataset: Option<PathBuf>,
}

impl Settings {
    /// The settings in `file`; a missing or unreadable file gives the defaults
    /// (the built-in dataset), never an error at start.
    pub fn read(file: &Path) -> Settings {
        std::fs::read_to_string(file)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default()
    }

    /// Writes the settings to `file` atomically, making its folder if needed.
    pub fn write(&self, file: &Path) -> std::io::Result<()> {
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let json = serde_json::to_vec_pretty(self).expect("settings always serialise");
        dossier::atomic::write_atomically(file, &json)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_a_broken_file_means_the_defaults() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("conf/settings.json");
        assert_eq!(Settings::read(&file), Settings::default());
        let s = Settings {
            dataset: Some(PathBuf::from("/home/ana/Desk dataset")),
        };
        s.write(&file).unwrap();
        assert_eq!(Settings::read(&file), s);
        std::fs::write(&file, "{ not json").unwrap();
        assert_eq!(Settings::read(&file), Settings::default());
    }
}
