//! homepage.html: the rendered homepage, parsed once. Its visible text, links
//! and images become the same kind of facts as the decoration's components,
//! each with a byte range in the HTML source.

use scraper::{Html, Node};

use super::model::{Homepage, Link, Place, Spanned};
use super::source::FileId;

/// Elements whose content is not shown to the user.
const HIDDEN: &[&str] = &["script", "style", "noscript", "template", "head", "title"];

/// Finds texts and attribute values in the source, in document order, so that
/// each fact gets a byte range. html5ever keeps no positions, so the source is
/// searched forward from the previous find.
struct Finder<'t> {
    text: &'t str,
    cursor: usize,
}

impl Finder<'_> {
    fn find(&mut self, needle: &str) -> (usize, usize) {
        let needle = needle.trim();
        // Search for a prefix: entities or whitespace may differ later on.
        let mut n = needle.lines().next().unwrap_or("");
        if n.len() > 48 {
            let mut cut = 48;
            while !n.is_char_boundary(cut) {
                cut -= 1;
            }
            n = &n[..cut];
        }
        if !n.is_empty() {
            if let Some(i) = self.text[self.cursor..].find(n) {
                let start = self.cursor + i;
                self.cursor = start;
                return (start, start + n.len());
            }
        }
        (self.cursor, self.cursor)
    }
}

fn link_of(href: &str) -> Option<Link> {
    let href = href.trim();
    if href.is_empty() || href.starts_with('#') || href.starts_with("javascript:") {
        return None;
    }
    Some(Link::Url(href.to_string()))
}

pub fn load(file: FileId, text: &str) -> Homepage {
    let doc = Html::parse_document(text);
    let mut finder = Finder { text, cursor: 0 };
    let mut page = Homepage {
        file,
        has_content: false,
        texts: Vec::new(),
        links: Vec::new(),
        images: Vec::new(),
    };
    let place = |(start, end): (usize, usize)| Place::Html { file, start, end };
    for node in doc.root_element().descendants() {
        match node.value() {
            Node::Element(el) => {
                if let Some(href) = el.attr("href").filter(|_| el.name() == "a") {
                    if let Some(link) = link_of(href) {
                        let at = finder.find(href);
                        page.links.push(Spanned {
                            value: link,
                            place: place(at),
                        });
                    }
                }
                if let Some(src) = el.attr("src").filter(|_| el.name() == "img") {
                    if !src.trim().is_empty() {
                        let at = finder.find(src);
                        page.images.push(Spanned {
                            value: src.trim().to_string(),
                            place: place(at),
                        });
                    }
                }
            }
            Node::Text(t) => {
                let hidden = node.ancestors().any(|a| {
                    a.value()
                        .as_element()
                        .is_some_and(|e| HIDDEN.contains(&e.name()))
                });
                let collapsed = collapse(t);
                if hidden || collapsed.is_empty() {
                    continue;
                }
                let at = finder.find(t);
                page.texts.push(Spanned {
                    value: collapsed,
                    place: place(at),
                });
            }
            _ => {}
        }
    }
    page.has_content = !page.images.is_empty()
        || page
            .texts
            .iter()
            .map(|t| t.value.chars().count())
            .sum::<usize>()
            >= 4;
    page
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The visible text of an HTML fragment (a rich-text component).
pub fn fragment_text(html: &str) -> String {
    if !html.contains('<') && !html.contains('&') {
        return collapse(html);
    }
    let frag = Html::parse_fragment(html);
    let parts: Vec<String> = frag
        .root_element()
        .descendants()
        .filter_map(|n| match n.value() {
            Node::Text(t)
                if !n.ancestors().any(|a| {
                    a.value()
                        .as_element()
                        .is_some_and(|e| HIDDEN.contains(&e.name()))
                }) =>
            {
                Some(collapse(t))
            }
            _ => None,
        })
        .filter(|s| !s.is_empty())
        .collect();
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_links_and_images_have_positions() {
        let src = "<html><head><title>T</title><script>充值</script></head>\n<body><a href=\"https://a.cn/x\">去 看看</a>\n<img src=\"https://i.cn/1.png\"><p>储值卡</p></body></html>";
        let page = load(0, src);
        let texts: Vec<&str> = page.texts.iter().map(|t| t.value.as_str()).collect();
        assert_eq!(texts, vec!["去 看看", "储值卡"]);
        assert_eq!(page.links[0].value, Link::Url("https://a.cn/x".into()));
        let Place::Html { start, end, .. } = page.texts[1].place else {
            panic!()
        };
        assert_eq!(&src[start..end], "储值卡");
        assert!(page.has_content);
    }

    #[test]
    fn fragment_text_strips_tags() {
        assert_eq!(fragment_text("<p>正品 <b>保障</b></p>"), "正品 保障");
        assert_eq!(fragment_text("plain"), "plain");
    }
}
