//! Where results go: standard output, or a file written whole or not at all.
//!
//! `-o FILE` writes `FILE.tmp-<pid>` beside it and renames it over `FILE`
//! only when the command finishes, so a failed run leaves neither half a file
//! nor a clobbered earlier result.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::failure::Failure;

/// An open output (`Send`, so a writer thread can own it); call
/// [`Output::finish`] when everything is written.
pub struct Output {
    sink: BufWriter<Box<dyn Write + Send>>,
    /// `(temporary, final)` paths of a file output.
    file: Option<(PathBuf, PathBuf)>,
}

impl Output {
    /// Standard output for `None` or `-`, else a temporary file beside `path`.
    pub fn open(path: Option<&Path>) -> Result<Self, Failure> {
        let Some(path) = path.filter(|p| *p != Path::new("-")) else {
            return Ok(Output {
                sink: BufWriter::with_capacity(1 << 16, Box::new(std::io::stdout())),
                file: None,
            });
        };
        let mut name = path
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_default();
        name.push(format!(".tmp-{}", std::process::id()));
        let tmp = path.with_file_name(name);
        let f = File::create(&tmp).map_err(|source| Failure::Write {
            target: Some(path.to_owned()),
            source,
        })?;
        Ok(Output {
            sink: BufWriter::with_capacity(1 << 16, Box::new(f)),
            file: Some((tmp, path.to_owned())),
        })
    }

    /// The failure for an error while writing to this output.
    pub fn failed(&self, source: std::io::Error) -> Failure {
        Failure::Write {
            target: self.file.as_ref().map(|(_, p)| p.clone()),
            source,
        }
    }

    /// The failure for a serde_json error while writing to this output.
    pub fn json_failed(&self, e: serde_json::Error) -> Failure {
        self.failed(std::io::Error::from(e))
    }

    /// Writes `value` and a newline.
    pub fn write_json(&mut self, value: &serde_json::Value, pretty: bool) -> Result<(), Failure> {
        let r = if pretty {
            serde_json::to_writer_pretty(&mut self.sink, value)
        } else {
            serde_json::to_writer(&mut self.sink, value)
        };
        r.map_err(|e| self.json_failed(e))?;
        self.write_all(b"\n").map_err(|e| self.failed(e))
    }

    /// Flushes, and for a file moves it into place.
    pub fn finish(mut self) -> Result<(), Failure> {
        self.sink.flush().map_err(|e| self.failed(e))?;
        if let Some((tmp, path)) = self.file.take() {
            let rename = std::fs::rename(&tmp, &path);
            if let Err(source) = rename {
                let _ = std::fs::remove_file(&tmp);
                return Err(Failure::Write {
                    target: Some(path),
                    source,
                });
            }
        }
        Ok(())
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.sink.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.sink.write_all(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.sink.flush()
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        // Not finished: the run failed, so the partial file goes.
        if let Some((tmp, _)) = self.file.take() {
            let _ = std::fs::remove_file(tmp);
        }
    }
}
