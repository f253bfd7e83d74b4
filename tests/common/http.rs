//! A small HTTP/1.1 server on 127.0.0.1 for the fetch tests, over `std::net`: no network, and
//! every fault the tests need (redirects, error statuses, a slow reply, a body with no length,
//! gzip, headers that lie) is a route. Each connection gets a thread; the server lives as long
//! as the test process.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// An article page reader mode can read, with its title, outlet and date in the head.
pub fn article_page(title: &str, outlet: &str, date: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{title}</title>\n\
         <meta property=\"og:site_name\" content=\"{outlet}\">\n\
         <meta property=\"article:published_time\" content=\"{date}T08:00:00Z\">\n\
         </head><body><article><h1>{title}</h1>\n\
         <p>{body} The Tal Mira dam on the Sefra River collapsed early on Sunday, and officials said the toll had risen.</p>\n\
         <p>Engineers said the spillway had been reported as cracked two years ago, and that repairs were delayed by a dispute over funding.</p>\n\
         <p>Residents described water rising through the streets within minutes, carrying cars and market stalls towards the river.</p>\n\
         </article></body></html>\n"
    )
}

/// What a route answers.
#[derive(Debug, Clone, Default)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Wait this long after the headers before the body (a server that hangs).
    pub stall: Option<Duration>,
    /// Send no Content-Length and close the connection after the body, so the client cannot
    /// know the size before reading.
    pub no_length: bool,
}

impl Reply {
    pub fn html(body: impl Into<Vec<u8>>) -> Self {
        Self::typed("text/html; charset=utf-8", body)
    }

    pub fn typed(content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            ..Self::default()
        }
    }

    pub fn redirect(status: u16, to: &str) -> Self {
        Self {
            status,
            headers: vec![("Location".into(), to.into())],
            ..Self::default()
        }
    }

    pub fn status(status: u16) -> Self {
        Self {
            status,
            headers: vec![("Content-Type".into(), "text/html".into())],
            body: format!("<h1>{status}</h1>").into_bytes(),
            ..Self::default()
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// The server; routes can be changed while it runs (a page that changes between fetches).
#[derive(Clone)]
pub struct HttpServer {
    pub port: u16,
    routes: Arc<Mutex<HashMap<String, Reply>>>,
}

impl HttpServer {
    pub fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().expect("addr").port();
        let routes: Arc<Mutex<HashMap<String, Reply>>> = Arc::default();
        let shared = Arc::clone(&routes);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let routes = Arc::clone(&shared);
                std::thread::spawn(move || serve(stream, &routes));
            }
        });
        Self { port, routes }
    }

    pub fn route(&self, path: &str, reply: Reply) {
        self.routes.lock().expect("routes").insert(path.into(), reply);
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

fn serve(stream: TcpStream, routes: &Mutex<HashMap<String, Reply>>) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" || line == "\n" => break,
            Ok(_) => {}
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_owned();
    let reply = routes
        .lock()
        .expect("routes")
        .get(&path)
        .cloned()
        .unwrap_or_else(|| Reply::status(404));
    let mut stream = stream;
    let mut head = format!("HTTP/1.1 {} X\r\n", reply.status);
    for (name, value) in &reply.headers {
        let _ = write!(head, "{name}: {value}\r\n");
    }
    if !reply.no_length {
        let _ = write!(head, "Content-Length: {}\r\n", reply.body.len());
    }
    head.push_str("Connection: close\r\n\r\n");
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    let _ = stream.flush();
    if let Some(stall) = reply.stall {
        std::thread::sleep(stall);
    }
    let _ = stream.write_all(&reply.body);
    let _ = stream.flush();
}
