//! Templates: a missing template, syntax errors, include and inheritance
//! loops, runaway recursion. Each names the template file (and line).

use super::Broken;

const PAGE: &str = "templates/explainer.html";

#[test]
fn missing_templates_and_syntax_errors() {
    let b = Broken::fixture("minimal");
    b.write(
        PAGE,
        "{% extends \"base.html\" %}\n{% block content %}\n{% include \"components/nope.html\" %}\n{{ page.title | shout }}\n{% endblock content %}\n",
    );
    b.build_fails(&[
        (
            "template `components/nope.html` not found",
            "templates/explainer.html:3:12",
        ),
        ("Unknown filter `shout`", "templates/explainer.html:4:"),
    ]);
    b.write(PAGE, "{% extends \"nowhere.html\" %}\n");
    b.build_fails(&[(
        "extends `nowhere.html`, which does not exist",
        "templates/explainer.html:1:4",
    )]);
    b.write(
        PAGE,
        "{% extends \"base.html\" %}\n{% block content %}\n{% if %}\n{% endblock content %}\n",
    );
    b.build_fails(&[("template syntax error", "templates/explainer.html:3:")]);
    b.write(
        PAGE,
        "{% extends \"base.html\" %}\n{% block content %}{{ page.title }\n",
    );
    b.build_fails(&[("template syntax error", "templates/explainer.html:2:")]);
    b.write(PAGE, "{% extends \"base.html\" %}\n{% block content %}\n{{ page.nothing.deeper }}\n{% endblock content %}\n");
    b.build_fails(&[("template error", "templates/explainer.html:3:")]);
    b.remove(PAGE);
    b.write(
        "templates/components/figure.html",
        "<figure>{{ 1 / 0 }}</figure>\n",
    );
    b.write(
        "content/fig.md",
        "---\ntitle: F\ndate: 2026-01-02\n---\n![a dot](/dot.png)\n",
    );
    b.write("static/dot.png", "png");
    b.build_fails(&[("template error", "templates/components/figure.html:1:")]);
}

#[test]
fn include_and_inheritance_loops() {
    let b = Broken::fixture("minimal");
    b.write("templates/a.html", "{% include \"b.html\" %}");
    b.write(
        "templates/b.html",
        "x\n{% if false %}{% include \"a.html\" %}{% endif %}",
    );
    b.build_fails(&[("templates include each other in a loop", "templates/")]);
    b.remove("templates/a.html");
    b.remove("templates/b.html");
    b.write(
        "templates/components/figure.html",
        "{% if false %}{% include \"components/figure.html\" %}{% endif %}",
    );
    b.build_fails(&[(
        "templates include each other in a loop",
        "templates/components/figure.html:1:",
    )]);
    b.remove("templates/components/figure.html");
    b.write("templates/a.html", "{% extends \"b.html\" %}");
    b.write("templates/b.html", "{% extends \"a.html\" %}");
    b.build_fails(&[("templates extend each other in a loop", "templates/")]);
    b.remove("templates/a.html");
    b.remove("templates/b.html");
    b.write(PAGE, "{% extends \"explainer.html\" %}");
    b.build_fails(&[(
        "templates extend each other in a loop",
        "templates/explainer.html:1:4",
    )]);
}

/// A component that renders itself without end stops at Tera's depth limit
/// with an error naming the template, instead of overflowing the stack.
#[test]
fn runaway_recursion_is_an_error() {
    let b = Broken::fixture("minimal");
    b.write(
        PAGE,
        "{% extends \"base.html\" %}\n{% component r(n: integer) %}{{ <r n={n + 1} /> }}{% endcomponent r %}\n{% block content %}{{ <r n={1} /> }}{% endblock content %}\n",
    );
    let run = b.build_fails(&[("recursion depth for components exceeded", PAGE)]);
    assert!(
        run.stderr.contains("needs a condition that ends it"),
        "{}",
        run.stderr
    );
    b.write(
        PAGE,
        "{% extends \"base.html\" %}\n{% component r(n: integer) %}{% if n < 1000 %}{{ <r n={n + 1} /> }}{% endif %}{% endcomponent r %}\n{% block content %}{{ <r n={1} /> }}{% endblock content %}\n",
    );
    b.build_fails(&[("recursion depth for components exceeded", PAGE)]);
}
