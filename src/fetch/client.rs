//! The one place Parallax talks HTTP: a GET with timeouts, a redirect limit, gzip, and the size
//! limit enforced while the body is read (never trusting `Content-Length`). Every way it can
//! fail is sorted into a [`Failure`] with its own line and exit code.

use std::io::Read;
use std::time::Duration;

use ureq::ResponseExt;

use super::{Failure, FailureKind};

/// How a fetch is bounded.
#[derive(Debug, Clone)]
pub struct Limits {
    /// The largest body read, in bytes (the config's `reader.max_file_size`).
    pub max_bytes: u64,
    /// For the whole request: connecting, redirects and the body.
    pub timeout: Duration,
    /// For setting up each connection (DNS, TCP, TLS).
    pub connect_timeout: Duration,
    pub max_redirects: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: 50 * 1024 * 1024,
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_redirects: 10,
        }
    }
}

/// A response read in full.
#[derive(Debug)]
pub struct Response {
    pub final_url: String,
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
}

/// Fetches `url`. A status of 400 or more, a body that is declared as something other than a
/// page, and a body over the limit are failures; the body is not read past what decides them.
pub fn get(url: &str, limits: &Limits) -> Result<Response, Failure> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        .timeout_connect(Some(limits.connect_timeout.min(limits.timeout)))
        .max_redirects(limits.max_redirects)
        .http_status_as_error(false)
        .user_agent(concat!("parallax/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut response = agent.get(url).call().map_err(|e| classify(url, &e))?;
    let status = response.status().as_u16();
    let final_url = response.get_uri().to_string();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    if status >= 400 {
        let reason = response.status().canonical_reason().unwrap_or("");
        return Err(Failure::new(
            if status >= 500 {
                FailureKind::ServerError
            } else {
                FailureKind::ClientError
            },
            format!("{url}: HTTP {status} {reason}").trim_end().to_owned(),
        ));
    }
    let media = super::charset::media_type(&content_type);
    if super::charset::declared_html(&media) == Some(false) {
        return Err(not_html(url, &media));
    }
    // One byte over the limit is enough to know; the body's own limit is lifted so ours (the
    // user's setting) is the one that speaks.
    let mut body = Vec::new();
    let reader = response.body_mut().with_config().limit(u64::MAX).reader();
    reader
        .take(limits.max_bytes.saturating_add(1))
        .read_to_end(&mut body)
        .map_err(|e| classify_io(url, e))?;
    if body.len() as u64 > limits.max_bytes {
        return Err(Failure::new(
            FailureKind::TooLarge,
            format!(
                "{url}: larger than the limit of {} bytes (reader.max_file_size); not saved",
                limits.max_bytes
            ),
        ));
    }
    if super::charset::declared_html(&media).is_none() {
        super::charset::sniff(&body).map_err(|kind| not_html(url, &kind))?;
    }
    Ok(Response {
        final_url,
        status,
        content_type,
        body,
    })
}

fn is_https(url: &str) -> bool {
    url.get(..8)
        .is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
}

fn not_html(url: &str, kind: &str) -> Failure {
    Failure::new(
        FailureKind::NotHtml,
        format!("{url}: is {kind}, not an HTML page; only web pages are saved"),
    )
}

/// ureq's errors, sorted into what the analyst can act on.
fn classify(url: &str, error: &ureq::Error) -> Failure {
    use FailureKind as K;
    let (kind, what) = match error {
        ureq::Error::HostNotFound => (K::UnknownHost, "unknown host (no DNS record)".to_owned()),
        ureq::Error::Timeout(which) => (K::Timeout, format!("timed out ({which})")),
        ureq::Error::ConnectionFailed => (K::Refused, "could not connect".to_owned()),
        // Before a response, on an https URL, a garbled or broken-off stream after the
        // connection was made is the handshake failing (rustls reports a bad record as invalid
        // data; a server that does not speak TLS often just hangs up). A refused connection
        // has its own kind and stays `Refused`.
        ureq::Error::Io(io)
            if is_https(url)
                && matches!(
                    io.kind(),
                    std::io::ErrorKind::InvalidData
                        | std::io::ErrorKind::UnexpectedEof
                        | std::io::ErrorKind::ConnectionReset
                        | std::io::ErrorKind::ConnectionAborted
                ) =>
        {
            (K::Tls, format!("TLS failure: {io}"))
        }
        ureq::Error::Io(io) => return classify_io_error(url, io),
        ureq::Error::Tls(why) => (K::Tls, format!("TLS failure: {why}")),
        ureq::Error::Rustls(why) => (K::Tls, format!("TLS failure: {why}")),
        ureq::Error::Pem(why) => (K::Tls, format!("TLS failure: {why}")),
        ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => (
            K::Redirects,
            "too many redirects, or a redirect to nowhere".to_owned(),
        ),
        ureq::Error::BadUri(why) => (K::BadUrl, format!("not a URL Parallax can fetch ({why})")),
        ureq::Error::BodyExceedsLimit(limit) => {
            (K::TooLarge, format!("larger than the limit of {limit} bytes"))
        }
        other => (K::Protocol, format!("{other}")),
    };
    Failure::new(kind, format!("{url}: {what}"))
}

/// An IO error while connecting or reading, which may carry a ureq error inside (a timeout
/// while reading the body arrives that way).
fn classify_io(url: &str, error: std::io::Error) -> Failure {
    if !error
        .get_ref()
        .is_some_and(<dyn std::error::Error + Send + Sync>::is::<ureq::Error>)
    {
        return classify_io_error(url, &error);
    }
    match error
        .into_inner()
        .map(<dyn std::error::Error + Send + Sync>::downcast::<ureq::Error>)
    {
        Some(Ok(inner)) => classify(url, &inner),
        _ => Failure::new(FailureKind::Protocol, format!("{url}: the response broke off")),
    }
}

fn classify_io_error(url: &str, error: &std::io::Error) -> Failure {
    use std::io::ErrorKind as E;
    // The system resolver's failure has no kind of its own in std; its text is the only sign
    // ("failed to lookup address information: Name or service not known").
    let unresolved = error.to_string().contains("lookup address");
    let kind = match error.kind() {
        _ if unresolved => FailureKind::UnknownHost,
        E::ConnectionRefused | E::ConnectionReset | E::ConnectionAborted | E::NotConnected => {
            FailureKind::Refused
        }
        E::TimedOut | E::WouldBlock => FailureKind::Timeout,
        _ => FailureKind::Protocol,
    };
    let what = match kind {
        FailureKind::UnknownHost => format!("unknown host ({error})"),
        FailureKind::Refused => format!("connection refused ({error})"),
        FailureKind::Timeout => format!("timed out ({error})"),
        _ => error.to_string(),
    };
    Failure::new(kind, format!("{url}: {what}"))
}
