//! homepage.html: the rendered homepage, parsed once. Its visible text, links
//! and images become the same kind of facts as the decoration's components,
//! each with a byte range in the HTML source.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::model::{Homepage, Link, Place, Spanned};
use super::source::FileId;

/// Elements whose content is not shown to the user.
const HIDDEN: &[&str] = &["script", "style", "noscript", "template", "head", "title"];

/// Finds texts and attribute values in the source, in document order, so that
/// each fact gets a byte range. html5ever keeps no positions, so the source is
/// searched forward from the previous find: outside the raw content of
/// script/style/… elements, within a bounded window (so a text that cannot be
/// found, e.g. written with entities, costs little), trying shorter suffixes
/// of the text when its start was written as entities (`&#20805;&#20540;送好礼`).
struct Finder<'t> {
    text: &'t str,
    cursor: usize,
    /// Byte ranges of raw text elements (script, style …), sorted.
    skip: Vec<(usize, usize)>,
}

/// How far ahead of the previous find a text is looked for.
const WINDOW: usize = 64 * 1024;

impl<'t> Finder<'t> {
    fn new(text: &'t str) -> Self {
        // Raw-text element contents, found with a plain case-insensitive scan.
        let lower = text.to_ascii_lowercase();
        let mut skip = Vec::new();
        for tag in [
            "script", "style", "template", "noscript", "title", "textarea",
        ] {
            let (open, close) = (format!("<{tag}"), format!("</{tag}"));
            let mut from = 0;
            while let Some(s) = lower[from..].find(&open).map(|i| from + i) {
                let e = lower[s..].find(&close).map_or(text.len(), |i| s + i);
                skip.push((s, e));
                from = e.max(s + 1);
            }
        }
        skip.sort_unstable();
        Finder {
            text,
            cursor: 0,
            skip,
        }
    }

    /// The first occurrence of `n` at or after `from`, outside skipped ranges,
    /// within the window.
    fn search(&self, n: &str, mut from: usize) -> Option<usize> {
        let limit = self.cursor.saturating_add(WINDOW).min(self.text.len());
        while from < limit {
            let mut end = limit;
            while !self.text.is_char_boundary(end) {
                end -= 1;
            }
            let i = from + self.text.get(from..end)?.find(n)?;
            match self.skip.iter().find(|(s, e)| *s <= i && i < *e) {
                Some(&(_, e)) => from = e,
                None => return Some(i),
            }
        }
        None
    }

    fn find(&mut self, needle: &str) -> (usize, usize) {
        let needle = needle.trim();
        // A prefix of the first line: entities or whitespace may differ later on.
        let line = needle.lines().next().unwrap_or("");
        let mut candidate = prefix(line, 48);
        for _ in 0..8 {
            if candidate.is_empty() {
                break;
            }
            if let Some(start) = self.search(candidate, self.cursor) {
                self.cursor = start;
                return (start, start + candidate.len());
            }
            // Drop the first character: it may have been written as an entity.
            let mut chars = candidate.chars();
            chars.next();
            candidate = chars.as_str();
        }
        (self.cursor, self.cursor)
    }
}

/// At most `max` bytes of `s`, cut at a character boundary.
fn prefix(s: &str, max: usize) -> &str {
    let mut cut = max.min(s.len());
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    &s[..cut]
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
    let mut finder = Finder::new(text);
    let mut page = Homepage {
        file,
        has_content: false,
        texts: Vec::new(),
        links: Vec::new(),
        images: Vec::new(),
    };
    let place = |(start, end): (usize, usize)| Place::Html { file, start, end };
    // One walk with a count of open hidden elements: asking every text node
    // for its ancestors would be quadratic in deeply nested pages.
    let mut hidden = 0usize;
    for edge in doc.root_element().traverse() {
        let (node, open) = match edge {
            Edge::Open(n) => (n, true),
            Edge::Close(n) => (n, false),
        };
        match node.value() {
            Node::Element(el) => {
                let is_hidden = HIDDEN.contains(&el.name());
                if !open {
                    hidden -= usize::from(is_hidden);
                    continue;
                }
                hidden += usize::from(is_hidden);
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
            Node::Text(t) if open && hidden == 0 => {
                let collapsed = collapse(t);
                if collapsed.is_empty() {
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
    fn texts_are_found_outside_scripts_and_after_entities() {
        let src = "<html><head><script>var t = '会员充值享优惠';</script></head>\n<body>\n<p>会员充值享优惠</p>\n<p>&#20805;&#20540;送好礼</p></body></html>";
        let page = load(0, src);
        let at = |i: usize| match page.texts[i].place {
            Place::Html { start, end, .. } => &src[start..end],
            _ => unreachable!(),
        };
        let line = |i: usize| match page.texts[i].place {
            Place::Html { start, .. } => src[..start].matches('\n').count() + 1,
            _ => unreachable!(),
        };
        assert_eq!((at(0), line(0)), ("会员充值享优惠", 3));
        assert_eq!(page.texts[1].value, "充值送好礼");
        assert_eq!((at(1), line(1)), ("送好礼", 4));
    }

    #[test]
    fn fragment_text_strips_tags() {
        assert_eq!(fragment_text("<p>正品 <b>保障</b></p>"), "正品 保障");
        assert_eq!(fragment_text("plain"), "plain");
    }
}
