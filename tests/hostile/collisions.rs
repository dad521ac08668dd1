//! Collisions: a static file and a generated page at the same output path,
//! also when one is the other's folder or differs only by letter case.

use super::Broken;

#[test]
fn static_files_that_collide_with_generated_pages_are_errors() {
    let b = Broken::fixture("basic");
    b.write("static/first/index.html", "mine");
    b.write("static/atom.xml", "mine");
    b.write("static/tags/science/index.html", "mine");
    b.write("static/404.html", "mine");
    b.build_fails(&[
        ("static/first/index.html has the same output path as a page lede generates (content/first.md)", "static/first/index.html"),
        ("static/atom.xml has the same output path", "static/atom.xml"),
        ("static/tags/science/index.html has the same output path", "static/tags/science/index.html"),
        ("static/404.html has the same output path", "static/404.html"),
    ]);
    b.remove("static/first");
    b.remove("static/atom.xml");
    b.remove("static/tags");
    b.remove("static/404.html");
    b.write("static/first", "a file where a folder of pages goes");
    b.write(
        "static/index.html/x.txt",
        "inside a folder named like a page",
    );
    b.write("static/Second-One/index.html", "differs by case");
    b.build_fails(&[
        (
            "static/first has the output path of the folder `first/`, where a page lede generates (content/first.md) writes",
            "static/first",
        ),
        (
            "static/index.html/x.txt is inside `index.html/`, but a page lede generates (lede) writes a file there",
            "static/index.html/x.txt",
        ),
        (
            "static/Second-One/index.html differs only in letter case from `second-one/index.html`, written by a page lede generates (content/nested/second.md)",
            "static/Second-One/index.html",
        ),
    ]);
}

#[test]
fn a_static_file_beside_generated_pages_is_fine() {
    let b = Broken::fixture("basic");
    b.write("static/tags/badge.svg", "<svg/>");
    b.write("static/first/extra.txt", "a file beside a page");
    b.write("static/CNAME", "custom.example.org\n");
    b.site.lede(&["build"]).ok();
    assert_eq!(b.site.public("first/extra.txt"), "a file beside a page");
    assert_eq!(b.site.public("CNAME"), "custom.example.org\n");
}
