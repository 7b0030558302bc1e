//! The design the page opens with: a share link in the address bar, else the design saved
//! in this browser, else the default; and what to tell the user about the choice.

use crate::engine::config::Config;
use crate::engine::link;

/// What the browser holds when the page starts.
pub struct Found<'a> {
    /// The design saved in this browser, as stored.
    pub saved: Option<&'a str>,
    /// The address bar's fragment (without `#`), possibly empty.
    pub fragment: &'a str,
    /// The fragment this page last wrote to the address bar.
    pub written_fragment: Option<&'a str>,
    /// The fragments this tab's recent writes replaced in its address bar, one a line: a
    /// reload that began before a write carries one of them (two writes can land while a
    /// slow reload is on its way, so the last one alone is not enough).
    pub replaced_fragments: &'a str,
    /// This load is a reload of the tab (only then is the address this tab's own: a link
    /// opened again must win).
    pub reload: bool,
    /// Where an unreadable saved design is kept, for the banner to say.
    pub unreadable_key: &'a str,
}

/// The design the page opens with, and what to tell the user about how it was chosen.
#[derive(Debug, PartialEq)]
pub struct Startup {
    pub config: Config,
    pub banner: Option<String>,
    /// The saved design a share link replaced, for the page to offer back (and keep).
    pub previous: Option<Config>,
    /// The saved design could not be read: keep its text under `unreadable_key`.
    pub keep_unreadable: bool,
}

pub fn choose(found: &Found) -> Startup {
    let saved = found.saved.map(Config::from_json).transpose();
    let fragment = found.fragment;
    let mut problem = None;
    // The address bar holds what this page last wrote there, or on a reload what that
    // write replaced (a reload, perhaps right after an edit, before the address bar caught
    // up): the saved design is newer.
    let replaced = found.reload
        && found
            .replaced_fragments
            .as_bytes()
            .split(|&b| b == b'\n')
            .any(|f| f == fragment.as_bytes());
    let own = saved.as_ref().is_ok_and(Option::is_some)
        && (found.written_fragment == Some(fragment) || replaced);
    if !fragment.is_empty() && !own {
        match link::decode(fragment) {
            Ok(config) => {
                let previous = saved.ok().flatten().filter(|saved| *saved != config);
                return Startup {
                    config,
                    banner: None,
                    previous,
                    keep_unreadable: false,
                };
            }
            Err(error) => problem = Some(format!("This share link could not be opened: {error}.")),
        }
    }
    let (config, fallback) = match saved {
        Ok(Some(config)) => (config, "You are seeing the design saved in this browser."),
        Ok(None) => (Config::default(), "You are seeing the default design."),
        Err(error) => {
            let note = format!(
                "The design saved in this browser could not be read ({error}); it is kept in \
                 localStorage under \"{}\" and you are seeing the default design.",
                found.unreadable_key
            );
            return Startup {
                config: Config::default(),
                banner: Some(match problem {
                    Some(p) => format!("{p} {note}"),
                    None => note,
                }),
                previous: None,
                keep_unreadable: true,
            };
        }
    };
    Startup {
        config,
        banner: problem.map(|p| format!("{p} {fallback}")),
        previous: None,
        keep_unreadable: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'a>(saved: Option<&'a str>, fragment: &'a str, written: Option<&'a str>) -> Found<'a> {
        Found {
            saved,
            fragment,
            written_fragment: written,
            replaced_fragments: "",
            reload: false,
            unreadable_key: "stackdraft.unreadable",
        }
    }

    fn other_design() -> Config {
        let mut config = Config::default();
        config.network.name = "other-vpc".into();
        config
    }

    #[test]
    fn nothing_saved_and_no_link_opens_the_default() {
        let start = choose(&found(None, "", None));
        assert_eq!(start.config, Config::default());
        assert_eq!(start.banner, None);
        assert_eq!(start.previous, None);
        assert!(!start.keep_unreadable);
    }

    #[test]
    fn a_link_wins_over_the_saved_design_which_is_kept_as_previous() {
        let saved = other_design().to_pretty_json();
        let fragment = link::encode(&Config::default());
        let start = choose(&found(Some(&saved), &fragment, None));
        assert_eq!(start.config, Config::default());
        assert_eq!(start.previous, Some(other_design()));
        assert_eq!(start.banner, None);
        // The same design saved: nothing to offer back.
        let same = Config::default().to_pretty_json();
        assert_eq!(choose(&found(Some(&same), &fragment, None)).previous, None);
    }

    #[test]
    fn the_pages_own_link_yields_to_the_newer_saved_design() {
        let saved = other_design().to_pretty_json();
        let fragment = link::encode(&Config::default());
        let start = choose(&found(Some(&saved), &fragment, Some(&fragment)));
        assert_eq!(start.config, other_design());
        assert_eq!(start.banner, None);
    }

    #[test]
    fn a_reload_that_began_before_the_pages_last_write_yields_to_the_saved_design() {
        // The address bar held the default design's link; the page wrote the other design's over it
        // after the reload had taken its address.
        let saved = other_design().to_pretty_json();
        let before = link::encode(&Config::default());
        let written = link::encode(&other_design());
        let reload = Found {
            replaced_fragments: &before,
            reload: true,
            ..found(Some(&saved), &before, Some(&written))
        };
        assert_eq!(choose(&reload).config, other_design());
        // The same link opened again in this tab, not reloaded: the link wins.
        let opened = Found {
            reload: false,
            ..reload
        };
        assert_eq!(choose(&opened).config, Config::default());
        assert_eq!(choose(&opened).previous, Some(other_design()));
    }

    #[test]
    fn a_reload_that_two_writes_overtook_yields_to_the_saved_design() {
        // Seen in CI: the page opened the saved design under the default design's address,
        // then wrote the saved design's link and, after an edit, the edited one's, both
        // while a slow reload that carried the default design's address was on its way.
        let default_link = link::encode(&Config::default());
        let saved_link = link::encode(&other_design());
        let mut edited = other_design();
        edited.network.name = "edited-vpc".into();
        let replaced = format!("{default_link}\n{saved_link}");
        let written = link::encode(&edited);
        let saved = edited.to_pretty_json();
        let reload = Found {
            replaced_fragments: &replaced,
            reload: true,
            ..found(Some(&saved), &default_link, Some(&written))
        };
        assert_eq!(choose(&reload).config, edited);
        assert_eq!(choose(&reload).previous, None);
        // A fragment this tab never had is a link: it wins even on a reload.
        let other = link::encode(&Config {
            region: "eu-west-1".into(),
            ..Config::default()
        });
        let foreign = Found {
            fragment: &other,
            ..reload
        };
        assert_eq!(choose(&foreign).config.region, "eu-west-1");
    }

    #[test]
    fn a_broken_link_says_so_and_falls_back() {
        let saved = other_design().to_pretty_json();
        let start = choose(&found(Some(&saved), "v9.nonsense", None));
        assert_eq!(start.config, other_design());
        let banner = start.banner.unwrap();
        assert!(
            banner.starts_with("This share link could not be opened"),
            "{banner}"
        );
        assert!(
            banner.ends_with("You are seeing the design saved in this browser."),
            "{banner}"
        );
        let start = choose(&found(None, "v9.nonsense", None));
        assert!(start.banner.unwrap().ends_with("the default design."));
    }

    #[test]
    fn an_unreadable_saved_design_is_kept_aside() {
        let start = choose(&found(Some("{not json"), "", None));
        assert_eq!(start.config, Config::default());
        assert!(start.keep_unreadable);
        let banner = start.banner.unwrap();
        assert!(banner.contains("\"stackdraft.unreadable\""), "{banner}");
        let start = choose(&found(Some("{not json"), "v9.nonsense", None));
        assert!(start
            .banner
            .unwrap()
            .starts_with("This share link could not be opened"));
    }
}
