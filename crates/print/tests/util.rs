//! The harness: writes a PDF to a temporary directory and reads it back the way a person
//! would see it, with poppler's `pdfinfo`, `pdftotext` and `pdftoppm`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use image::RgbImage;

/// A PDF written to its own temporary directory.
pub struct WrittenPdf {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl WrittenPdf {
    pub fn new(bytes: &[u8]) -> WrittenPdf {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("out.pdf");
        std::fs::write(&path, bytes).expect("write the PDF");
        WrittenPdf { _dir: dir, path }
    }

    /// The page count `pdfinfo` reports.
    pub fn page_count(&self) -> usize {
        let info = run_poppler("pdfinfo", &[self.path.as_os_str()]);
        info.lines()
            .find_map(|line| line.strip_prefix("Pages:"))
            .and_then(|count| count.trim().parse().ok())
            .unwrap_or_else(|| panic!("pdfinfo printed no page count:\n{info}"))
    }

    /// Width and height of one page (1-based) in points, as `pdfinfo` reports them.
    pub fn page_size_pt(&self, page: usize) -> (f32, f32) {
        let page = page.to_string();
        let info = run_poppler(
            "pdfinfo",
            &[
                "-f".as_ref(),
                page.as_ref(),
                "-l".as_ref(),
                page.as_ref(),
                self.path.as_os_str(),
            ],
        );
        let line = info
            .lines()
            .find(|line| line.starts_with("Page") && line.contains("size:"))
            .unwrap_or_else(|| panic!("pdfinfo printed no page size:\n{info}"));
        let numbers: Vec<f32> = line
            .split_once("size:")
            .map(|(_, rest)| rest)
            .unwrap_or_default()
            .split_whitespace()
            .filter_map(|word| word.parse().ok())
            .collect();
        (numbers[0], numbers[1])
    }

    /// The text of every page, as `pdftotext -raw` reads it.
    ///
    /// `-raw` keeps the drawing order and the space characters we wrote. The default and
    /// `-layout` modes re-derive spaces from gaps and drop them between one-character words
    /// ("1 / 3" comes out as "1/3"), which says nothing about the PDF.
    pub fn text(&self) -> String {
        run_poppler(
            "pdftotext",
            &["-raw".as_ref(), self.path.as_os_str(), "-".as_ref()],
        )
    }

    /// The text of one page (1-based), read as [`WrittenPdf::text`] reads it.
    pub fn page_text(&self, page: usize) -> String {
        let page = page.to_string();
        run_poppler(
            "pdftotext",
            &[
                "-raw".as_ref(),
                "-f".as_ref(),
                page.as_ref(),
                "-l".as_ref(),
                page.as_ref(),
                self.path.as_os_str(),
                "-".as_ref(),
            ],
        )
    }

    /// The words of one page with their boxes, from `pdftotext -bbox`.
    pub fn page_words(&self, page: usize) -> Vec<Word> {
        let page = page.to_string();
        let html = run_poppler(
            "pdftotext",
            &[
                "-bbox".as_ref(),
                "-f".as_ref(),
                page.as_ref(),
                "-l".as_ref(),
                page.as_ref(),
                self.path.as_os_str(),
                "-".as_ref(),
            ],
        );
        html.lines().filter_map(Word::parse).collect()
    }

    /// Every page rendered at 30 dpi.
    pub fn render_pages(&self) -> Vec<RgbImage> {
        let dir = self.path.parent().expect("the PDF has a directory");
        let prefix = dir.join("page");
        run_poppler(
            "pdftoppm",
            &[
                "-r".as_ref(),
                "30".as_ref(),
                "-png".as_ref(),
                self.path.as_os_str(),
                prefix.as_os_str(),
            ],
        );
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("list rendered pages")
            .map(|entry| entry.expect("directory entry").path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "png"))
            .collect();
        // pdftoppm pads page numbers to the same width, so names sort in page order.
        files.sort();
        files.iter().map(|path| load_png(path)).collect()
    }
}

fn load_png(path: &Path) -> RgbImage {
    image::open(path)
        .unwrap_or_else(|error| panic!("decode {}: {error}", path.display()))
        .to_rgb8()
}

/// Runs a poppler-utils tool and returns its standard output. A missing tool fails the test
/// with the package to install: these checks are the point of the tests, so they never skip.
fn run_poppler(tool: &str, args: &[&std::ffi::OsStr]) -> String {
    let output: Output = match Command::new(tool).args(args).output() {
        Ok(output) => output,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => panic!(
            "`{tool}` is not installed: these tests read PDFs back with poppler; \
             install the apt package poppler-utils (apt-get install poppler-utils)"
        ),
        Err(error) => panic!("could not run {tool}: {error}"),
    };
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("poppler prints UTF-8")
}

/// One word and its box in points from the page's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub x_min: f32,
    pub x_max: f32,
    pub y_min: f32,
}

impl Word {
    /// Parses a `<word xMin="…" yMin="…" xMax="…" yMax="…">text</word>` line.
    fn parse(line: &str) -> Option<Word> {
        let line = line.trim();
        let rest = line.strip_prefix("<word ")?;
        let (attributes, rest) = rest.split_once('>')?;
        let text = rest.strip_suffix("</word>")?;
        let attribute = |name: &str| -> Option<f32> {
            let start = attributes.find(&format!("{name}=\""))? + name.len() + 2;
            let end = attributes[start..].find('"')? + start;
            attributes[start..end].parse().ok()
        };
        Some(Word {
            text: text
                .replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">"),
            x_min: attribute("xMin")?,
            x_max: attribute("xMax")?,
            y_min: attribute("yMin")?,
        })
    }
}

/// Share of pixels that are not (near) white.
pub fn ink_fraction(page: &RgbImage) -> f64 {
    let inked = page
        .pixels()
        .filter(|p| p.0.iter().any(|&c| c < 235))
        .count();
    inked as f64 / (page.width() * page.height()) as f64
}

/// Pixels in a region given as fractions of the page (x from the left, y from the top)
/// whose colour is clearly not grey: device fills, never text, grid or frame.
pub fn coloured_pixels(page: &RgbImage, x: (f64, f64), y: (f64, f64)) -> usize {
    let (width, height) = (f64::from(page.width()), f64::from(page.height()));
    let columns = (x.0 * width) as u32..(x.1 * width) as u32;
    let rows = (y.0 * height) as u32..(y.1 * height) as u32;
    rows.flat_map(|row| columns.clone().map(move |column| (column, row)))
        .filter(|&(column, row)| {
            let [r, g, b] = page.get_pixel(column, row).0;
            let (max, min) = (r.max(g).max(b), r.min(g).min(b));
            max - min > 30
        })
        .count()
}

/// Mean brightness (0–255) of the coloured pixels in a region, to tell pale from full fills.
pub fn mean_coloured_brightness(page: &RgbImage, x: (f64, f64), y: (f64, f64)) -> f64 {
    let (width, height) = (f64::from(page.width()), f64::from(page.height()));
    let mut sum = 0.0;
    let mut count = 0.0;
    for row in (y.0 * height) as u32..(y.1 * height) as u32 {
        for column in (x.0 * width) as u32..(x.1 * width) as u32 {
            let [r, g, b] = page.get_pixel(column, row).0;
            if r.max(g).max(b) - r.min(g).min(b) > 15 {
                sum += (f64::from(r) + f64::from(g) + f64::from(b)) / 3.0;
                count += 1.0;
            }
        }
    }
    assert!(count > 0.0, "no coloured pixels in the region");
    sum / count
}
