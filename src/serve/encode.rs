//! The images `serve` shows without their variants, encoded off the
//! edit's path. One thread, at the lowest CPU priority where the system
//! has one per thread (Linux), takes the latest list of pending images
//! (newer lists replace waiting ones), encodes each image's variants into
//! `.lede-cache/` one image at a time, and tells the rebuild thread, which
//! swaps the image in ([`crate::site::live::Live::swap_in`]). AVIF's
//! encoder runs in a pool of its own with one thread, so the rebuild's
//! parallel work never queues behind it; a text edit never waits for an
//! encoder. An image that cannot be made is not tried again (`build`
//! reports why).

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Sender, channel};

use super::watch::Batch;
use crate::config::Images;
use crate::site::images::{Cache, Source, encode_to_cache};
use crate::site::live::Live;

/// How many images are encoded between two writes of the cache's list.
const SAVE_EVERY: usize = 64;

/// What to encode: the pending images of one state of the site.
struct Job {
    root: PathBuf,
    images: Images,
    pending: BTreeMap<String, (Source, Vec<Arc<str>>)>,
}

/// The encoder thread's mailbox.
pub(super) struct Encoder {
    requests: Sender<Job>,
}

impl Encoder {
    /// Starts the thread; `done` gets a batch naming each image as soon as
    /// its variants are in the cache.
    pub(super) fn start(done: Sender<Batch>) -> Self {
        let (requests, rx) = channel::<Job>();
        // Without a thread (the system refused one) pages keep their
        // originals: sends then fail quietly.
        let _ = std::thread::Builder::new()
            .name("lede-images".into())
            .spawn(move || {
                lower_priority();
                let pool = rayon::ThreadPoolBuilder::new()
                    .num_threads(1)
                    .thread_name(|_| "lede-images-pool".into())
                    .start_handler(|_| lower_priority())
                    .build()
                    .ok();
                let mut tried: HashSet<String> = HashSet::new();
                while let Ok(mut job) = rx.recv() {
                    while let Ok(newer) = rx.try_recv() {
                        job = newer;
                    }
                    let cache = Cache::new(&job.root);
                    for (n, (path, (source, _))) in job.pending.iter().enumerate() {
                        // The list of sums is rewritten whole: now and then,
                        // not after every image (each entry has its own sum).
                        if n % SAVE_EVERY == SAVE_EVERY - 1 {
                            cache.save();
                        }
                        let key = format!("{path} {:x} {:?}", source.hash, job.images);
                        if !tried.insert(key) {
                            continue;
                        }
                        let encode = || encode_to_cache(path, source, &job.images, &cache);
                        let made = match &pool {
                            Some(pool) => pool.install(encode),
                            None => encode(),
                        };
                        if made {
                            let mut batch = Batch::default();
                            batch.ready.insert(path.clone());
                            if done.send(batch).is_err() {
                                cache.save();
                                return;
                            }
                        }
                    }
                    cache.save();
                }
            });
        Self { requests }
    }

    /// Asks for the images `live`'s pages show without their variants.
    pub(super) fn request(&self, live: &Live) {
        let pending = live.pending_images();
        if pending.is_empty() {
            return;
        }
        let site = live.site();
        let _ = self.requests.send(Job {
            root: site.root.clone(),
            images: site.config.images.clone(),
            pending,
        });
    }
}

/// The calling thread at the lowest priority (on Linux the nice value is
/// a thread's own; elsewhere it would be the whole server's, so it is left).
fn lower_priority() {
    #[cfg(target_os = "linux")]
    {
        let _ = rustix::process::setpriority_process(None, 19);
    }
}
