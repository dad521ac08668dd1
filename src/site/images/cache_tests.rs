//! Tests of the image cache.

use super::*;

#[test]
fn hex_is_the_hash_in_32_digits() {
    for hash in [
        0,
        0xabc,
        u128::MAX,
        0x0123_4567_89ab_cdef_fedc_ba98_7654_3210,
    ] {
        assert_eq!(hex(hash), format!("{hash:032x}"));
    }
}

#[test]
fn a_corrupt_or_foreign_entry_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path());
    let path = cache.put("k", b"encoded bytes").unwrap();
    assert_eq!(
        std::fs::read(cache.get("k", true).unwrap()).unwrap(),
        b"encoded bytes"
    );
    assert_eq!(cache.get("k", false), None);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[0] ^= 1;
    std::fs::write(&path, &bytes).unwrap();
    assert_eq!(cache.get("k", true), None, "corrupt");
    std::fs::write(&path, b"a file someone put here").unwrap();
    assert_eq!(cache.get("k", true), None, "foreign");
    std::fs::write(&path, b"").unwrap();
    assert_eq!(cache.get("k", true), None, "empty");
    // Put back as it was, but written again (a copy): read and checked.
    let path = cache.put("k", b"encoded bytes").unwrap();
    std::fs::write(&path, b"encoded bytes").unwrap();
    assert!(cache.get("k", true).is_some(), "same bytes, another time");
    // Same size, same time, other bytes: only a sum can tell; the time
    // set into the past is what makes a later write show.
    let path = cache.put("k", b"encoded bytes").unwrap();
    let time = std::fs::metadata(&path).unwrap().modified().unwrap();
    assert!(time < std::time::SystemTime::now() - std::time::Duration::from_secs(5));
}

#[test]
fn saved_again_the_list_keeps_every_entry() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path());
    cache.put("a", b"one").unwrap();
    cache.save();
    cache.put("b", b"two").unwrap();
    cache.save();
    let listed = Cache::new(dir.path());
    assert!(listed.sums().contains_key("a") && listed.sums().contains_key("b"));
}

#[test]
#[cfg(unix)]
fn the_stamp_of_an_entry_is_its_inode_size_and_time_even_from_an_older_list() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path());
    let path = cache.put("k", b"bytes").unwrap();
    cache.save();
    let stamp = FileStamp::of(&std::fs::metadata(&path).unwrap());
    let listed = Cache::new(dir.path());
    assert_eq!(listed.stamp("k", true), stamp);
    assert!(stamp.is_some() && listed.stamp("k", false).is_none());
    // A list written by an older lede (no inode): no stamp, until a
    // build that checked the entry saves the list again.
    let sums = dir.path().join(".lede-cache/images/sums.v1");
    let text = std::fs::read_to_string(&sums).unwrap();
    let old: Vec<&str> = text.split_whitespace().take(5).collect();
    std::fs::write(&sums, format!("{}\n", old.join(" "))).unwrap();
    let older = Cache::new(dir.path());
    assert_eq!(older.stamp("k", true), None);
    assert!(older.get("k", true).is_some());
    older.save();
    assert_eq!(Cache::new(dir.path()).stamp("k", true), stamp);
}

#[test]
#[cfg(unix)]
fn an_entry_copied_whole_is_read_once_then_listed_as_it_is_now() {
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path());
    let path = cache.put("k", b"encoded bytes").unwrap();
    cache.save();
    // Copied back over itself (a new inode, a new time), as a restored
    // cache is: read and checked by its sum...
    std::fs::remove_file(&path).unwrap();
    std::fs::write(&path, b"encoded bytes").unwrap();
    let copied = Cache::new(dir.path());
    assert_ne!(
        copied.stamp("k", true),
        FileStamp::of(&std::fs::metadata(&path).unwrap())
    );
    assert!(copied.get("k", true).is_some());
    copied.save();
    // ...then listed with its inode and a time set into the past: the next
    // build uses it unread.
    let meta = std::fs::metadata(&path).unwrap();
    assert!(
        meta.modified().unwrap() < std::time::SystemTime::now() - std::time::Duration::from_secs(5)
    );
    assert_eq!(
        Cache::new(dir.path()).stamp("k", true),
        FileStamp::of(&meta)
    );
    // Changed since: not listed again, and not used.
    std::fs::write(&path, b"other bytes!!").unwrap();
    let changed = Cache::new(dir.path());
    assert!(changed.get("k", true).is_none());
}
