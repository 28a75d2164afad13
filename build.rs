//! Embeds the default dataset (`data/`) and the default templates
//! (`templates/`) into the program, so that the CLI and the app work
//! anywhere with no set-up; compresses the fonts (`fonts/`) that
//! the PDF writer embeds, which it inflates on first use; and packs the
//! program's relative relocations (smaller programs, the same code).

use std::env;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::ZlibEncoder;

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());
    embed_dataset(&manifest.join("data"), &out_dir);
    embed_templates(&manifest.join("templates"), &out_dir);
    compress_fonts(&manifest.join("fonts"), &out_dir);
    pack_relocations();
    hash_loading_rules(&manifest);
}

/// `DOSSIER_RULES_HASH`: a hash of the code that reads and validates a
/// dataset, so that the dataset cache (`src/dataset/cache.rs`) written by a
/// build with other rules is never taken for this one's.
fn hash_loading_rules(manifest: &Path) {
    use std::hash::{Hash, Hasher};
    let mut paths = Vec::new();
    // The code, the figure limit, the default parties a folder without
    // `dataset.toml` is read with, and the versions of the crates (the
    // TOML parser among them).
    for rel in [
        "src/dataset",
        "src/date.rs",
        "src/text.rs",
        "src/limits.rs",
        "src/format.rs",
    ] {
        println!("cargo:rerun-if-changed={rel}");
        rust_files(&manifest.join(rel), &mut paths);
    }
    for rel in ["data/dataset.toml", "Cargo.lock"] {
        println!("cargo:rerun-if-changed={rel}");
        paths.push(manifest.join(rel));
    }
    paths.sort();
    // SipHash with fixed keys: the same code gives the same hash.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for path in &paths {
        path.strip_prefix(manifest)
            .unwrap_or(path)
            .hash(&mut hasher);
        fs::read(path).unwrap().hash(&mut hasher);
    }
    println!(
        "cargo:rustc-env=DOSSIER_RULES_HASH={}-{:016x}",
        env::var("CARGO_PKG_VERSION").unwrap(),
        hasher.finish()
    );
}

/// `path`, if it is a Rust file, or every Rust file under it.
fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in fs::read_dir(path).unwrap() {
            rust_files(&entry.unwrap().path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

/// `embedded_data.rs`: every dataset file's path and `include_str!`.
fn embed_dataset(root: &Path, out_dir: &Path) {
    println!("cargo:rerun-if-changed=data");

    let mut files = Vec::new();
    collect(root, root, &mut files);
    files.sort();

    let mut out = String::from(
        "/// The default dataset's files: path inside `data/`, and text.\npub static FILES: &[(&str, &str)] = &[\n",
    );
    for rel in &files {
        let abs = root.join(rel);
        out.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            abs.display().to_string()
        ));
    }
    out.push_str("];\n");
    fs::write(out_dir.join("embedded_data.rs"), out).unwrap();
}

/// `embedded_templates.rs`: every file in `templates/` by name, with its
/// `include_str!`, so that a new template is a new file and nothing else.
fn embed_templates(dir: &Path, out_dir: &Path) {
    println!("cargo:rerun-if-changed=templates");
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".hbs") || n.ends_with(".css"))
        .collect();
    // The page and its style first, then the parts by name.
    names.sort_by_key(|n| (n != "memo.hbs", n != "style.css", n.clone()));
    let mut out = String::from(
        "/// The default templates: file name in `templates/`, and text.\npub static TEMPLATES: &[(&str, &str)] = &[\n",
    );
    for name in &names {
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            dir.join(name).display().to_string()
        ));
    }
    out.push_str("];\n");
    fs::write(out_dir.join("embedded_templates.rs"), out).unwrap();
}

/// Every `fonts/*.ttf` deflated into `OUT_DIR/fonts/` (zlib format): about
/// half the size, and inflated in about a millisecond a face.
fn compress_fonts(fonts: &Path, out_dir: &Path) {
    println!("cargo:rerun-if-changed=fonts");
    let dest = out_dir.join("fonts");
    fs::create_dir_all(&dest).unwrap();
    for entry in fs::read_dir(fonts).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("ttf") {
            continue;
        }
        let mut encoder = ZlibEncoder::new(Vec::new(), Compression::best());
        encoder.write_all(&fs::read(&path).unwrap()).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        fs::write(dest.join(name + ".z"), encoder.finish().unwrap()).unwrap();
    }
}

/// Relative relocations packed (DT_RELR, GNU ld 2.38 and glibc 2.36 or
/// later): 0.7 MB less in each program, loaded as fast or faster.
fn pack_relocations() {
    let linux_gnu = env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu");
    if linux_gnu {
        println!("cargo:rustc-link-arg=-Wl,-z,pack-relative-relocs");
    }
}

/// Every `.toml` and `.txt` file under `dir`, as paths relative to `root` with `/`.
fn collect(root: &Path, dir: &Path, files: &mut Vec<String>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("toml" | "txt")
        ) {
            let rel = path.strip_prefix(root).unwrap();
            let parts: Vec<String> = rel
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            files.push(parts.join("/"));
        }
    }
}
