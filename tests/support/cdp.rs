//! A small Chrome DevTools Protocol client over a synchronous websocket, to
//! drive Debian's headless `chromium` from tests and examples.
//!
//! The browser runs with flags that keep it off the network and a fresh
//! profile directory (removed on drop); its DevTools port is read from the
//! `DevToolsActivePort` file the browser writes there.

#![allow(dead_code)] // each user (test, example) calls a different part

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

/// The flags of the issue: headless, no sandbox (root in CI), no GPU, and
/// nothing that reaches the network on its own.
pub const FLAGS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
];

/// The Chromium executable: `$DEMARCATE_CHROMIUM`, else `chromium` or
/// `chromium-browser` on the `PATH`.
pub fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("DEMARCATE_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// A running headless browser and its DevTools connection.
pub struct Browser {
    child: Child,
    profile: PathBuf,
    ws: WebSocket<TcpStream>,
    next_id: u64,
    targets: Vec<String>,
    /// Events received while waiting for answers, in order.
    pub events: Vec<Value>,
}

impl Browser {
    /// Starts `exe` headless with a fresh profile and connects to it.
    pub fn launch(exe: &Path, width: u32, height: u32) -> Result<Browser, String> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let profile =
            std::env::temp_dir().join(format!("demarcate-chromium-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&profile).map_err(|e| format!("{}: {e}", profile.display()))?;
        let child = Command::new(exe)
            .args(FLAGS)
            .arg("--remote-debugging-port=0")
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--window-size={width},{height}"))
            .arg("--hide-scrollbars")
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", exe.display()))?;
        let mut guard = Started {
            child: Some(child),
            profile: profile.clone(),
        };
        let port_file = profile.join("DevToolsActivePort");
        let start = Instant::now();
        let (port, path) = loop {
            if let Ok(text) = std::fs::read_to_string(&port_file) {
                let mut lines = text.lines();
                if let (Some(port), Some(path)) = (lines.next(), lines.next()) {
                    break (port.trim().to_owned(), path.trim().to_owned());
                }
            }
            if start.elapsed() > Duration::from_secs(30) {
                return Err("chromium wrote no DevToolsActivePort within 30 s".to_owned());
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        let stream = TcpStream::connect(format!("127.0.0.1:{port}"))
            .map_err(|e| format!("cannot connect to DevTools on port {port}: {e}"))?;
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .map_err(|e| e.to_string())?;
        let url = format!("ws://127.0.0.1:{port}{path}");
        let (ws, _) = tungstenite::client(url.as_str(), stream)
            .map_err(|e| format!("DevTools handshake with {url}: {e}"))?;
        let child = guard.child.take().ok_or("no child")?;
        Ok(Browser {
            child,
            profile,
            ws,
            next_id: 1,
            targets: Vec::new(),
            events: Vec::new(),
        })
    }

    /// Sends a command (to a page's `session`, or to the browser) and waits
    /// for its result.
    pub fn call(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: Value,
    ) -> Result<Value, String> {
        let id = self.next_id;
        self.next_id += 1;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        self.ws
            .send(Message::text(msg.to_string()))
            .map_err(|e| format!("{method}: {e}"))?;
        loop {
            let v = self.read()?;
            if v.get("id").and_then(Value::as_u64) == Some(id) {
                if let Some(e) = v.get("error") {
                    return Err(format!("{method}: {e}"));
                }
                return Ok(v.get("result").cloned().unwrap_or(Value::Null));
            }
            self.events.push(v);
        }
    }

    fn read(&mut self) -> Result<Value, String> {
        loop {
            match self.ws.read().map_err(|e| format!("DevTools: {e}"))? {
                Message::Text(t) => {
                    return serde_json::from_str(t.as_str()).map_err(|e| format!("DevTools: {e}"));
                }
                Message::Close(_) => return Err("DevTools closed the connection".to_owned()),
                _ => {}
            }
        }
    }

    /// Waits for an event of `method` (already received or to come).
    pub fn wait_event(&mut self, method: &str, timeout: Duration) -> Result<Value, String> {
        let start = Instant::now();
        let mut seen = 0;
        loop {
            if let Some(e) = self.events[seen..]
                .iter()
                .find(|e| e.get("method").and_then(Value::as_str) == Some(method))
            {
                return Ok(e.clone());
            }
            seen = self.events.len();
            if start.elapsed() > timeout {
                return Err(format!("no {method} within {timeout:?}"));
            }
            let v = self.read()?;
            self.events.push(v);
        }
    }

    /// Opens `url` in a new page of `width × height` CSS pixels, with the
    /// runtime, log, page and network domains on, and waits for its load
    /// event; returns the page's session id.
    pub fn open(&mut self, url: &str, width: u32, height: u32) -> Result<String, String> {
        let target = self.call(None, "Target.createTarget", json!({"url": "about:blank"}))?;
        let target_id = target["targetId"].as_str().ok_or("no targetId")?.to_owned();
        self.targets.push(target_id.clone());
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        )?;
        let session = attached["sessionId"]
            .as_str()
            .ok_or("no sessionId")?
            .to_owned();
        let s = Some(session.as_str());
        for domain in [
            "Runtime.enable",
            "Log.enable",
            "Page.enable",
            "Network.enable",
        ] {
            self.call(s, domain, json!({}))?;
        }
        self.call(
            s,
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}),
        )?;
        self.events.clear();
        self.call(s, "Page.navigate", json!({"url": url}))?;
        self.wait_event("Page.loadEventFired", Duration::from_secs(60))?;
        Ok(session)
    }

    /// Closes every page [`Self::open`] opened.
    pub fn close_pages(&mut self) -> Result<(), String> {
        for t in std::mem::take(&mut self.targets) {
            self.call(None, "Target.closeTarget", json!({"targetId": t}))?;
        }
        Ok(())
    }

    /// Evaluates a JavaScript expression in the page and returns its value.
    pub fn eval(&mut self, session: &str, expression: &str) -> Result<Value, String> {
        let r = self.call(
            Some(session),
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        )?;
        if let Some(e) = r.get("exceptionDetails") {
            return Err(format!("{expression}: {e}"));
        }
        Ok(r["result"].get("value").cloned().unwrap_or(Value::Null))
    }

    /// A real mouse click (move, press, release) at CSS pixel `(x, y)`.
    pub fn click(&mut self, session: &str, x: f64, y: f64) -> Result<(), String> {
        for (kind, buttons) in [("mouseMoved", 0), ("mousePressed", 1), ("mouseReleased", 0)] {
            self.call(
                Some(session),
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": if kind == "mouseMoved" { "none" } else { "left" },
                       "buttons": buttons, "clickCount": 1}),
            )?;
        }
        Ok(())
    }

    /// A mouse wheel turn at `(x, y)` (negative `delta_y` zooms in).
    pub fn wheel(&mut self, session: &str, x: f64, y: f64, delta_y: f64) -> Result<(), String> {
        self.call(
            Some(session),
            "Input.dispatchMouseEvent",
            json!({"type": "mouseWheel", "x": x, "y": y, "deltaX": 0, "deltaY": delta_y}),
        )?;
        Ok(())
    }

    /// A PNG screenshot of the page's viewport.
    pub fn screenshot(&mut self, session: &str) -> Result<Vec<u8>, String> {
        let r = self.call(
            Some(session),
            "Page.captureScreenshot",
            json!({"format": "png"}),
        )?;
        decode_base64(r["data"].as_str().ok_or("no screenshot data")?)
    }

    /// Errors the pages reported: console errors and assertions, uncaught
    /// exceptions, and log entries at level error.
    pub fn errors(&self) -> Vec<String> {
        let mut out = Vec::new();
        for e in &self.events {
            let p = &e["params"];
            match e.get("method").and_then(Value::as_str) {
                Some("Runtime.consoleAPICalled")
                    if matches!(p["type"].as_str(), Some("error" | "assert")) =>
                {
                    out.push(format!("console.{}: {}", p["type"], p["args"]));
                }
                Some("Runtime.exceptionThrown") => {
                    out.push(format!("exception: {}", p["exceptionDetails"]))
                }
                Some("Log.entryAdded") if p["entry"]["level"] == "error" => {
                    out.push(format!("log: {}", p["entry"]));
                }
                _ => {}
            }
        }
        out
    }

    /// The URLs the pages requested.
    pub fn requests(&self) -> Vec<String> {
        self.events
            .iter()
            .filter(|e| {
                e.get("method").and_then(Value::as_str) == Some("Network.requestWillBeSent")
            })
            .filter_map(|e| e["params"]["request"]["url"].as_str().map(str::to_owned))
            .collect()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Stops the browser if connecting to it fails.
struct Started {
    child: Option<Child>,
    profile: PathBuf,
}

impl Drop for Started {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
            let _ = std::fs::remove_dir_all(&self.profile);
        }
    }
}

/// Standard base64 (with padding) to bytes.
pub fn decode_base64(s: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' | b'\n' | b'\r' => continue,
            _ => return Err(format!("not base64: {:?}", c as char)),
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_of_rfc_4648_vectors() {
        for (plain, enc) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(super::decode_base64(enc).unwrap(), plain.as_bytes());
        }
    }
}
