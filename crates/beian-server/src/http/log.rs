//! The request log: one JSON object per line, every path and message
//! masked ([`crate::mask`]).

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;

use crate::clock::{now_millis, rfc3339};
use crate::mask::mask;

/// Where the one-line request log goes.
#[derive(Clone, Default)]
pub enum RequestLog {
    /// Standard error (the default).
    #[default]
    Stderr,
    /// Nowhere.
    Off,
    /// A function given each line (without newline).
    Sink(Arc<dyn Fn(&str) + Send + Sync>),
}

impl fmt::Debug for RequestLog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestLog::Stderr => f.write_str("Stderr"),
            RequestLog::Off => f.write_str("Off"),
            RequestLog::Sink(_) => f.write_str("Sink(..)"),
        }
    }
}

/// One line of the log: a JSON object (control characters escaped by
/// JSON, so no client text can start a line of its own).
#[derive(Serialize)]
struct LogLine<'a> {
    /// RFC 3339, UTC, milliseconds.
    time: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    method: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<String>,
}

impl RequestLog {
    /// Writes `message` as one line `{"time": ..., "message": ...}`, with
    /// every number in it masked ([`mask`]).
    ///
    /// ```
    /// use std::sync::{Arc, Mutex};
    /// let lines = Arc::new(Mutex::new(Vec::new()));
    /// let sink = lines.clone();
    /// let log = beian_server::RequestLog::Sink(Arc::new(move |l: &str| sink.lock().unwrap().push(l.to_string())));
    /// log.write("subject 1101-0519-4912-3100-2X\nPOST /api/v1/admin 200");
    /// let line: serde_json::Value = serde_json::from_str(&lines.lock().unwrap()[0]).unwrap();
    /// assert_eq!(line["message"], "subject 110*-****-****-****-2X\nPOST /api/v1/admin 200");
    /// assert!(!lines.lock().unwrap()[0].contains('\n'));
    /// ```
    pub fn write(&self, message: &str) {
        self.line(&LogLine {
            time: rfc3339(now_millis()),
            method: None,
            path: None,
            status: None,
            ms: None,
            message: Some(mask(message)),
        });
    }

    /// Writes the line of one answered request: method, path (masked, no
    /// query string), status and the milliseconds it took.
    pub fn request(&self, method: &str, path: &str, status: u16, took: Duration) {
        self.line(&LogLine {
            time: rfc3339(now_millis()),
            method: Some(method),
            path: Some(mask(path)),
            status: Some(status),
            ms: Some((took.as_secs_f64() * 1e5).round() / 100.0),
            message: None,
        });
    }

    fn line(&self, line: &LogLine<'_>) {
        if matches!(self, RequestLog::Off) {
            return;
        }
        let Ok(text) = serde_json::to_string(line) else {
            return;
        };
        match self {
            RequestLog::Stderr => eprintln!("{text}"),
            RequestLog::Off => {}
            RequestLog::Sink(sink) => sink(&text),
        }
    }
}
