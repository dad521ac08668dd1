//! Keeps `serve`'s search index fresh off the edit's path.

use std::sync::Arc;
use std::sync::mpsc::{Sender, channel};

use super::http::Shared;
use crate::site::live::Live;
use crate::site::search::{self, Record};

/// Keeps the search index fresh off the edit's path. A thread takes the
/// latest request (newer ones replace waiting ones) and hands the records to
/// a helper process, `lede __search-index`, run at the lowest CPU priority
/// (`nice -n 19` where there is one): on a 2-core machine an index of 10,000
/// explainers takes about ten seconds of CPU on both cores and most of a
/// gigabyte of memory, and neither may slow the next edit or stay in the
/// server once done. The
/// bundle is swapped in without reloading open pages.
pub(super) struct Indexer {
    requests: Sender<(Vec<Arc<Record>>, String)>,
}

impl Indexer {
    pub(super) fn start(shared: Arc<Shared>) -> Self {
        let (requests, rx) = channel::<(Vec<Arc<Record>>, String)>();
        // Without a thread (the system refused one) there is no index, and
        // the site is still served: sends then fail quietly.
        let _ = std::thread::Builder::new()
            .name("lede-search".into())
            .spawn(move || {
                while let Ok(mut request) = rx.recv() {
                    while let Ok(newer) = rx.try_recv() {
                        request = newer;
                    }
                    let (records, language) = request;
                    // A failed index leaves the previous one served; the
                    // next edit tries again (`lede build` reports the error).
                    // Outside the `lede` binary (lede used as a library) the
                    // helper is not there: the index is built on this thread.
                    let files = match index_elsewhere(&records, &language) {
                        Ok(files) => files,
                        Err(_) => {
                            let owned = records.iter().map(|r| (**r).clone()).collect();
                            drop(records);
                            search::build(owned, &language)
                        }
                    };
                    {
                        let bundle = files
                            .into_iter()
                            .map(|(path, bytes)| {
                                (format!("{}/{path}", search::BUNDLE_DIR), Arc::from(bytes))
                            })
                            .collect();
                        shared.replace_bundle(search::BUNDLE_DIR, bundle);
                    }
                }
            });
        Self { requests }
    }

    /// Asks for the index of the site as it is now.
    pub(super) fn refresh(&self, live: &Live) {
        if !live.site().options.search {
            return;
        }
        let records = live.search_records();
        let language = live.site().config.language.clone();
        let _ = self.requests.send((records, language));
    }
}

/// Builds the index in a `lede __search-index` process at low priority.
fn index_elsewhere(
    records: &[Arc<Record>],
    language: &str,
) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let exe = std::env::current_exe()?;
    let args = ["__search-index", "--language", language];
    let spawn = |mut cmd: Command| {
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
    };
    let mut niced = Command::new("nice");
    niced.args(["-n", "19"]).arg(&exe).args(args);
    let mut direct = Command::new(&exe);
    direct.args(args);
    let mut child = spawn(niced).or_else(|_| spawn(direct))?;
    let records: Vec<&Record> = records.iter().map(|r| &**r).collect();
    let json = serde_json::to_vec(&records)?;
    let written = child
        .stdin
        .take()
        .map(|mut stdin| stdin.write_all(&json))
        .transpose();
    drop(json);
    let output = child.wait_with_output()?;
    written?;
    if !output.status.success() {
        return Err(std::io::Error::other("the search index helper failed"));
    }
    search::read_bundle(output.stdout.as_slice())
}
