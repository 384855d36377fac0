//! Matching a typed query against the [`CustomerIndex`] with
//! `nucleo-matcher` (the matcher behind helix), cheap enough to run on
//! every keystroke inside `update()`.
//!
//! What the query looks like decides which haystacks it is matched against:
//!
//! - anything with a letter (or other text): *words* (names, fantasy names,
//!   logins), **fuzzy**, one atom per word, as helix and fzf do;
//! - digits with or without a mask (`123.456`, `(37) 9991`): *digits*
//!   (CPF/CNPJ, code, phones) as a **substring** (a fuzzy subsequence of
//!   digits would match nearly every 11-digit number), or as a **prefix**
//!   of the document when a `.` or `/` says a CPF/CNPJ mask is being typed;
//! - digits and dots (`10.20.`): *net*, IPv4 as a substring;
//! - hex with `:`/`-` separators or hex letters (`aa:bb`, `c0ffee`): *net*,
//!   MACs as bare hex, substring.
//!
//! A customer's score is the best over its matched haystacks.
//!
//! Three things keep a keystroke within budget over 100,000 customers:
//! queries shorter than [`MIN_QUERY`] are not matched (one letter matches
//! nearly everyone); a query that extends an earlier one of the same typing
//! run only re-scores that one's matches (every haystack the longer query
//! matches, the shorter one matched too, for every kind above), and
//! Backspace goes back to a remembered run; and only the best
//! [`Searcher::limit`] are sorted.

use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::{CustomerIndex, chars_of, fold};

/// Queries shorter than this (in characters, trimmed) are not matched.
pub const MIN_QUERY: usize = 2;

/// How many earlier queries a typing run remembers (for Backspace).
const TRAIL: usize = 48;

/// One matching customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The customer's number in the index ([`CustomerIndex::row`]).
    pub id: u32,
    /// nucleo's score, the best over the matched fields (higher is better).
    pub score: u32,
}

/// The answer to one query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matches {
    /// The best matches, best first (at most [`Searcher::limit`]).
    pub hits: Vec<Hit>,
    /// How many customers matched in all.
    pub total: usize,
}

/// Which haystacks a query is matched against.
struct Plan {
    words: Option<Pattern>,
    /// Every character the words need ([`super::char_bit`]).
    words_chars: u64,
    digits: Option<Atom>,
    net: Option<Atom>,
}

impl Plan {
    fn of(query: &str) -> Plan {
        let q = query.trim();
        // A backslash would escape a space in nucleo's word splitting.
        let folded = fold(q).replace('\\', " ");
        let is_mask = |c: char| matches!(c, '.' | '-' | '/' | '(' | ')' | ' ' | '+');
        let digit_count = q.chars().filter(char::is_ascii_digit).count();
        let numeric = q.chars().all(|c| c.is_ascii_digit() || is_mask(c));
        let words = (!numeric).then(|| {
            Pattern::new(
                &folded,
                CaseMatching::Ignore,
                Normalization::Never,
                AtomKind::Fuzzy,
            )
        });
        let digits = (numeric && digit_count >= MIN_QUERY).then(|| {
            let d: String = q.chars().filter(char::is_ascii_digit).collect();
            // A dot or a slash is a CPF/CNPJ mask being typed from its
            // start (the document opens the haystack): match from there,
            // or "10." would find every document holding "10".
            let kind = if q.contains('.') || q.contains('/') {
                AtomKind::Prefix
            } else {
                AtomKind::Substring
            };
            Atom::new(&d, CaseMatching::Ignore, Normalization::Never, kind, false)
        });
        let ip = numeric && q.contains('.') && q.chars().all(|c| c.is_ascii_digit() || c == '.');
        let mac_like = q
            .chars()
            .all(|c| c.is_ascii_hexdigit() || matches!(c, ':' | '-' | '.'))
            && (q.contains(':') || q.contains('-') || q.chars().any(|c| c.is_ascii_alphabetic()));
        let net = if ip {
            Some(substring(q))
        } else if mac_like {
            let hex = bare_hex(q);
            (hex.len() >= MIN_QUERY).then(|| substring(&hex))
        } else {
            None
        };
        Plan {
            words_chars: chars_of(folded.as_bytes()),
            words: words.filter(|p| !p.atoms.is_empty()),
            digits,
            net,
        }
    }

    /// Which haystacks are matched, as bits: a query can narrow an earlier
    /// one only when it uses no haystack the earlier one did not.
    fn fields(&self) -> u8 {
        u8::from(self.words.is_some())
            | u8::from(self.digits.is_some()) << 1
            | u8::from(self.net.is_some()) << 2
    }

    fn is_empty(&self) -> bool {
        self.fields() == 0
    }
}

fn substring(needle: &str) -> Atom {
    Atom::new(
        needle,
        CaseMatching::Ignore,
        Normalization::Never,
        AtomKind::Substring,
        false,
    )
}

fn bare_hex(q: &str) -> String {
    q.chars()
        .filter(char::is_ascii_hexdigit)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The fuzzy score of every word of the query in `haystack`, summed; `None`
/// when one is missing. Both sides are folded already, so case and
/// normalisation are off, and nucleo's greedy matcher is used: linear in
/// the haystack instead of the optimal matcher's table, it keeps the first
/// keystrokes of a name (thousands of candidates) within budget, and
/// ranks names about as well (prefixes and word starts still score more).
fn words_score(p: &Pattern, haystack: Utf32Str<'_>, m: &mut Matcher) -> Option<u32> {
    m.config.ignore_case = false;
    m.config.normalize = false;
    let mut total = 0;
    for atom in &p.atoms {
        total += u32::from(m.fuzzy_match_greedy(haystack, atom.needle_text())?);
    }
    Some(total)
}

/// A remembered query of the current typing run and every id it matched.
struct Step {
    /// The query as typed, trimmed at the start.
    query: String,
    fields: u8,
    ids: Vec<u32>,
}

/// Runs queries against one index, remembering the typing run so each
/// keystroke narrows the previous answer instead of scanning everyone.
pub struct Searcher {
    matcher: Matcher,
    trail: Vec<Step>,
    /// How many hits a query returns (the rest are only counted).
    pub limit: usize,
}

impl std::fmt::Debug for Searcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Searcher")
            .field("trail", &self.trail.len())
            .field("limit", &self.limit)
            .finish()
    }
}

impl Default for Searcher {
    fn default() -> Self {
        Searcher::new(100)
    }
}

impl Searcher {
    /// A searcher returning at most `limit` hits per query.
    pub fn new(limit: usize) -> Searcher {
        let mut config = Config::DEFAULT;
        // "mar" should rank "Maria ..." above "Dalmar ...".
        config.prefer_prefix = true;
        Searcher {
            matcher: Matcher::new(config),
            trail: Vec::new(),
            limit,
        }
    }

    /// Forgets the typing run (call when the index changes).
    pub fn reset(&mut self) {
        self.trail.clear();
    }

    /// Matches `query` against `index`. `None` when the query is too short
    /// (or has nothing to match with): no local answer then.
    pub fn search(&mut self, index: &CustomerIndex, query: &str) -> Option<Matches> {
        let query = query.trim_start();
        if query.trim().chars().count() < MIN_QUERY {
            return None;
        }
        let plan = Plan::of(query);
        if plan.is_empty() {
            return None;
        }
        let fields = plan.fields();
        // The longest remembered query this one extends, using no new field.
        while let Some(last) = self.trail.last() {
            if query.starts_with(&last.query) && last.fields & fields == fields {
                break;
            }
            self.trail.pop();
        }
        if self.trail.last().is_some_and(|l| l.query == query) {
            let ids = std::mem::take(&mut self.trail.last_mut().expect("just seen").ids);
            let scored = self.score(index, &plan, ids.iter().copied());
            self.trail.last_mut().expect("just seen").ids = ids;
            return Some(self.rank(scored));
        }
        let scored = match self.trail.last() {
            Some(prev) => {
                let ids = prev.ids.clone();
                self.score(index, &plan, ids.into_iter())
            }
            None => self.score(index, &plan, 0..index.entries.len() as u32),
        };
        if self.trail.len() == TRAIL {
            self.trail.remove(0);
        }
        self.trail.push(Step {
            query: query.to_owned(),
            fields,
            ids: scored.iter().map(|h| h.id).collect(),
        });
        Some(self.rank(scored))
    }

    fn score(
        &mut self,
        index: &CustomerIndex,
        plan: &Plan,
        ids: impl Iterator<Item = u32>,
    ) -> Vec<Hit> {
        let m = &mut self.matcher;
        let mut out = Vec::new();
        for id in ids {
            let Some(e) = index.entries.get(id as usize) else {
                continue;
            };
            let mut best: Option<u32> = None;
            if let Some(p) = &plan.words
                && e.chars & plan.words_chars == plan.words_chars
            {
                best = best.max(words_score(p, Utf32Str::Ascii(index.bytes(e.words)), m));
            }
            if let Some(a) = &plan.digits {
                let s = a.score(Utf32Str::Ascii(index.bytes(e.digits)), m);
                best = best.max(s.map(u32::from));
            }
            if let Some(a) = &plan.net {
                let s = a.score(Utf32Str::Ascii(index.bytes(e.net)), m);
                best = best.max(s.map(u32::from));
            }
            if let Some(score) = best {
                out.push(Hit { id, score });
            }
        }
        out
    }

    /// The best `limit` hits, best first (ties in index order), and the total.
    fn rank(&self, mut hits: Vec<Hit>) -> Matches {
        let total = hits.len();
        let key = |h: &Hit| (std::cmp::Reverse(h.score), h.id);
        if hits.len() > self.limit && self.limit > 0 {
            hits.select_nth_unstable_by_key(self.limit - 1, key);
            hits.truncate(self.limit);
        }
        hits.truncate(self.limit);
        hits.sort_unstable_by_key(key);
        Matches { hits, total }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{Customer, CustomerService};

    fn customer(code: u64, name: &str, doc: &str, phone: &str) -> Customer {
        Customer {
            codigo_cliente: Some(code),
            nome_razaosocial: Some(name.to_owned()),
            cpf_cnpj: Some(doc.to_owned()),
            telefone_primario: Some(phone.to_owned()),
            ..Customer::default()
        }
    }

    fn with_service(mut c: Customer, login: &str, ip: &str, mac: &str) -> Customer {
        c.servicos.push(CustomerService {
            login: Some(login.to_owned()),
            ipv4: Some(ip.to_owned()),
            mac_addr: Some(mac.to_owned()),
            ..CustomerService::default()
        });
        c
    }

    fn sample() -> CustomerIndex {
        let all = vec![
            with_service(
                customer(1000, "Maria da Silva", "12345678909", "(37) 99911-2233"),
                "maria.silva",
                "10.20.30.40",
                "AA:BB:CC:DD:EE:01",
            ),
            with_service(
                customer(1001, "João Conceição", "98765432100", "(31) 3222-1111"),
                "joao.c",
                "10.20.31.7",
                "AA:BB:CC:DD:EE:02",
            ),
            with_service(
                customer(1002, "Dalmar Ribeiro", "11222333000181", "(37) 3241-0000"),
                "dalmar",
                "172.16.0.9",
                "00-11-22-33-44-55",
            ),
            customer(1003, "Mariana Souza", "45678912300", "(37) 98888-7777"),
        ];
        CustomerIndex::build(&all)
    }

    fn codes(idx: &CustomerIndex, m: &Option<Matches>) -> Vec<u64> {
        m.as_ref()
            .map(|m| m.hits.iter().map(|h| idx.row(h.id).unwrap().code).collect())
            .unwrap_or_default()
    }

    fn find(idx: &CustomerIndex, q: &str) -> Vec<u64> {
        let mut s = Searcher::default();
        let m = s.search(idx, q);
        codes(idx, &m)
    }

    #[test]
    fn names_match_fuzzily_without_accents_or_case() {
        let idx = sample();
        assert_eq!(find(&idx, "joao conc"), vec![1001]);
        assert_eq!(find(&idx, "JOÃO"), vec![1001]);
        assert_eq!(find(&idx, "mr slv"), vec![1000]);
        assert!(find(&idx, "zzz").is_empty());
    }

    #[test]
    fn a_prefix_ranks_above_a_match_inside_a_word() {
        let idx = sample();
        let found = find(&idx, "mar");
        // Maria and Mariana start with it; Dalmar only contains it.
        assert_eq!(found.len(), 3);
        assert_eq!(*found.last().unwrap(), 1002, "{found:?}");
    }

    #[test]
    fn documents_match_with_or_without_mask() {
        let idx = sample();
        assert_eq!(find(&idx, "123.456.789-09"), vec![1000]);
        assert_eq!(find(&idx, "12345678909"), vec![1000]);
        assert_eq!(find(&idx, "123.45"), vec![1000]);
        // Masked, it is a document typed from its start: not its middle.
        assert!(find(&idx, "345.678").is_empty());
        assert_eq!(find(&idx, "345678"), vec![1000]);
        assert_eq!(find(&idx, "11.222.333/0001-81"), vec![1002]);
    }

    #[test]
    fn codes_and_phones_match_as_digits() {
        let idx = sample();
        assert_eq!(find(&idx, "1003"), vec![1003]);
        assert_eq!(find(&idx, "(37) 98888"), vec![1003]);
        assert_eq!(find(&idx, "3222-1111"), vec![1001]);
    }

    #[test]
    fn logins_match_as_words() {
        let idx = sample();
        assert_eq!(find(&idx, "joao.c"), vec![1001]);
        // "da silva maria" holds d-a-l-m-a-r in order: fuzzy, but ranked below.
        assert_eq!(find(&idx, "dalmar")[0], 1002);
    }

    #[test]
    fn ips_match_by_prefix_or_part() {
        let idx = sample();
        assert_eq!(find(&idx, "10.20."), vec![1000, 1001]);
        assert_eq!(find(&idx, "10.20.31"), vec![1001]);
        assert_eq!(find(&idx, "172.16"), vec![1002]);
    }

    #[test]
    fn macs_match_with_any_separator() {
        let idx = sample();
        assert_eq!(find(&idx, "aa:bb:cc:dd:ee:02"), vec![1001]);
        assert_eq!(find(&idx, "AA-BB-CC-DD-EE-01"), vec![1000]);
        assert_eq!(find(&idx, "00:11:22"), vec![1002]);
    }

    #[test]
    fn one_character_is_not_matched() {
        let idx = sample();
        let mut s = Searcher::default();
        assert_eq!(s.search(&idx, "m"), None);
        assert_eq!(s.search(&idx, " m "), None);
        assert!(s.search(&idx, "ma").is_some());
    }

    #[test]
    fn narrowing_gives_the_same_answer_as_a_fresh_search() {
        let idx = sample();
        let mut typed = Searcher::default();
        let query = "maria silva";
        for end in 1..=query.len() {
            let q = &query[..end];
            let narrowed = typed.search(&idx, q);
            let fresh = Searcher::default().search(&idx, q);
            assert_eq!(narrowed, fresh, "after typing {q:?}");
        }
        // Backspace back to "mari", then a different turn.
        for q in [
            "maria silv",
            "mari",
            "mariana",
            "ma",
            "10.20",
            "10.20.3",
            "10",
        ] {
            assert_eq!(
                typed.search(&idx, q),
                Searcher::default().search(&idx, q),
                "{q:?}"
            );
        }
    }

    #[test]
    fn only_the_best_are_returned_but_all_are_counted() {
        let all: Vec<Customer> = (0..500)
            .map(|i| customer(5000 + i, &format!("Cliente Silva {i}"), "", ""))
            .collect();
        let idx = CustomerIndex::build(&all);
        let mut s = Searcher::new(20);
        let m = s.search(&idx, "silva").unwrap();
        assert_eq!(m.total, 500);
        assert_eq!(m.hits.len(), 20);
        assert!(m.hits.windows(2).all(|w| w[0].score >= w[1].score));
    }
}
