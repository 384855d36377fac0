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
use std::cmp::Reverse;
use std::collections::BinaryHeap;

use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::{CustomerIndex, chars_of, fast, fold};

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

/// [`Plan::key`].
#[derive(Debug, Clone, PartialEq, Eq)]
struct PlanKey {
    fields: u8,
    words_chars: u32,
    words: Option<Vec<Vec<u8>>>,
    digits: Option<fast::Needle>,
    net: Option<fast::Needle>,
}

/// The fields of [`Plan::fields`].
const WORDS: u8 = 1;
const DIGITS: u8 = 2;
const NET_IP: u8 = 4;
const NET_MAC: u8 = 8;
const NET: u8 = NET_IP | NET_MAC;

/// Which haystacks a query is matched against.
struct Plan {
    words: Option<Pattern>,
    /// Every character the words need ([`super::char_bit`]).
    words_chars: u32,
    digits: Option<Atom>,
    net: Option<Atom>,
    /// The net atom is an IP's text, not a MAC's hex.
    net_is_ip: bool,
    /// The same atoms as plain bytes, for the quick test ([`fast`]).
    /// `None`: the words can match nothing.
    fast_words: Option<Vec<Vec<u8>>>,
    fast_digits: Option<fast::Needle>,
    fast_net: Option<fast::Needle>,
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
        let words = words.filter(|p| !p.atoms.is_empty());
        Plan {
            words_chars: chars_of(folded.as_bytes()),
            fast_words: words.as_ref().and_then(|p| {
                p.atoms
                    .iter()
                    .map(|a| needle_bytes(a).map(<[u8]>::to_vec))
                    .collect()
            }),
            fast_digits: digits.as_ref().map(fast::Needle::of),
            fast_net: net.as_ref().map(fast::Needle::of),
            words,
            digits,
            net,
            net_is_ip: ip,
        }
    }

    /// Which haystacks are matched, as bits: a query narrows an earlier
    /// one on the haystacks both use, and looks for itself in everyone in
    /// the others.
    ///
    /// The net haystack counts as two: matched as an IP (`10.20`) or as a
    /// MAC's bare hex (`10.20-` looks for `1020`), and a MAC's answer is
    /// not within an IP's.
    fn fields(&self) -> u8 {
        let net = if self.net_is_ip { NET_IP } else { NET_MAC };
        (if self.words.is_some() { WORDS } else { 0 })
            | (if self.digits.is_some() { DIGITS } else { 0 })
            | (if self.net.is_some() { net } else { 0 })
    }

    /// What the answer depends on: two plans with the same key match the
    /// same customers with the same scores.
    fn key(&self) -> PlanKey {
        PlanKey {
            fields: self.fields(),
            words_chars: self.words_chars,
            words: self.fast_words.clone(),
            digits: self.fast_digits.clone(),
            net: self.fast_net.clone(),
        }
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

/// The needle of a words atom as bytes; `None` when it is not ASCII (it
/// can then match no folded haystack).
fn needle_bytes(atom: &Atom) -> Option<&[u8]> {
    match atom.needle_text() {
        Utf32Str::Ascii(b) => Some(b),
        Utf32Str::Unicode(_) => None,
    }
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

/// How far past its packed digits a customer's bytes are read, so the
/// packed search's last eight-byte step needs no byte-by-byte tail
/// ([`super::digits::find`]).
const READ_AHEAD: usize = 9;

/// One customer's haystacks, its digits still packed.
struct Hays<'a> {
    chars: u32,
    words: &'a [u8],
    /// The digits, packed ([`super::digits`]) in the first `packed_len`
    /// bytes, followed by up to [`READ_AHEAD`] bytes of what comes next in
    /// the arena; how many digits there are.
    packed: &'a [u8],
    packed_len: usize,
    digit_count: usize,
    net: &'a [u8],
}

impl<'a> Hays<'a> {
    // Always inlined: returned through memory it cost a store and a
    // reload per customer.
    #[inline(always)]
    fn of(index: &'a CustomerIndex, id: u32) -> Option<Self> {
        let (e, l) = index.layout(id)?;
        Some(Hays {
            chars: e.chars,
            words: index.bytes(l.words()),
            packed: index.bytes_ahead(l.digits(), READ_AHEAD),
            packed_len: l.digits().len as usize,
            digit_count: l.digit_count,
            net: index.bytes(l.net()),
        })
    }

    /// The digits unpacked into `scratch`.
    #[inline]
    fn digits<'s>(&self, scratch: &'s mut Vec<u8>) -> &'s [u8] {
        super::digits::unpack(&self.packed[..self.packed_len], self.digit_count, scratch)
    }
}

/// One customer against the plan, in one pass: `None` when it does not
/// match; else `Some(score)`, where the score is nucleo's (the best over
/// the matched fields) whenever it is above `worst`, and may be lower than
/// nucleo's when it cannot beat `worst` anyway (the hundredth best so
/// far): a field is scored only when its bound ([`fast::bound`]) could
/// beat both `worst` and what the other fields already scored.
///
/// The words are found by nucleo's greedy forward pass; when they are
/// scored, the score continues from that pass instead of searching again.
/// The digits are searched packed and unpacked only to be scored.
/// Only the `fields` named are tested.
#[inline(always)]
fn eval(
    plan: &Plan,
    hays: &Hays<'_>,
    fields: u8,
    worst: Option<u32>,
    scratch: &mut Vec<u8>,
) -> Option<u32> {
    let beats = |bound: u32, best: Option<u32>| Some(bound) > worst.max(best);
    let mut matched = false;
    let mut best: Option<u32> = None;
    if let Some(atoms) = &plan.fast_words
        && fields & WORDS != 0
        && hays.chars & plan.words_chars == plan.words_chars
    {
        // The first atom's forward match is kept for its score (the first
        // keystrokes have one word); further words are searched again
        // when scored (a narrowing keystroke, few candidates).
        let mut first = (0, 0);
        let mut bound = 0;
        let mut all = true;
        for (i, a) in atoms.iter().enumerate() {
            match fast::greedy_span(hays.words, a) {
                Some(span) => {
                    bound += fast::bound(a.len(), span.0);
                    if i == 0 {
                        first = span;
                    }
                }
                None => {
                    all = false;
                    break;
                }
            }
        }
        if all {
            matched = true;
            if beats(bound, None) {
                let mut total = 0;
                for (i, a) in atoms.iter().enumerate() {
                    let s = if i == 0 {
                        fast::greedy_score_of(hays.words, a, first)
                    } else {
                        fast::greedy_score(hays.words, a).expect("matched above")
                    };
                    total += u32::from(s);
                }
                best = Some(total);
            }
        }
    }
    if let Some(n) = &plan.fast_digits
        && fields & DIGITS != 0
        && let Some(start) = n.find_packed(hays.packed, hays.packed_len, hays.digit_count, || {
            hays.digits(scratch)
        })
    {
        matched = true;
        if beats(fast::bound(n.len(), start), best) {
            let digits = hays.digits(scratch);
            best = best.max(n.score(digits).map(u32::from));
        }
    }
    if let Some(n) = &plan.fast_net
        && fields & NET != 0
        && let Some(start) = n.find(hays.net)
    {
        matched = true;
        if beats(fast::bound(n.len(), start), best) {
            best = best.max(n.score(hays.net).map(u32::from));
        }
    }
    matched.then_some(best.unwrap_or(0))
}

/// A remembered query of the current typing run, every id it matched and
/// its answer.
struct Step {
    /// The query as typed, trimmed at the start.
    query: String,
    /// What it matched with.
    key: PlanKey,
    fields: u8,
    ids: Vec<u32>,
    /// The limit it was answered with, and the answer.
    limit: usize,
    matches: Matches,
}

/// Runs queries against one index, remembering the typing run so each
/// keystroke narrows the previous answer instead of scanning everyone.
pub struct Searcher {
    matcher: Matcher,
    trail: Vec<Step>,
    /// Where a candidate's digits are unpacked.
    scratch: Vec<u8>,
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
            scratch: Vec::new(),
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
        // The longest remembered query this one extends.
        while let Some(last) = self.trail.last() {
            if query.starts_with(&last.query) {
                break;
            }
            self.trail.pop();
        }
        let key = plan.key();
        if let Some(last) = self.trail.last()
            && last.key == key
            && last.limit == self.limit
        {
            // Backspace back to a remembered answer, or a keystroke that
            // changes nothing matched ("(37" then "(37)", "maria" then
            // "maria "): the same answer.
            return Some(last.matches.clone());
        }
        let all = index.len() as u32;
        let (ids, matches) = match self.trail.last() {
            // Nothing to start from: everyone, every field.
            None => self.scan(index, &plan, (0..all).map(|id| (id, fields))),
            Some(last) if last.fields & fields == fields => {
                // Every field was matched by the shorter query: its matches
                // hold this one's.
                let prev = std::mem::take(&mut self.trail.last_mut().expect("just seen").ids);
                let out = self.scan(index, &plan, prev.iter().map(|&id| (id, fields)));
                self.trail.last_mut().expect("just seen").ids = prev;
                out
            }
            Some(last) if last.fields & fields == 0 => {
                self.scan(index, &plan, (0..all).map(|id| (id, fields)))
            }
            Some(last) => {
                // Some fields are new ("10" then "10.": the IPs): those
                // are looked for in everyone, the others only in the
                // shorter query's matches.
                let new = fields & !last.fields;
                let prev = std::mem::take(&mut self.trail.last_mut().expect("just seen").ids);
                let mut next = prev.iter().copied().peekable();
                let ids = (0..all).map(|id| {
                    if next.next_if_eq(&id).is_some() {
                        (id, fields)
                    } else {
                        (id, new)
                    }
                });
                let out = self.scan(index, &plan, ids);
                self.trail.last_mut().expect("just seen").ids = prev;
                out
            }
        };
        if self.trail.last().is_some_and(|l| l.query == query) {
            // The same text, another limit: the answer is replaced.
            self.trail.pop();
        }
        if self.trail.len() == TRAIL {
            self.trail.remove(0);
        }
        self.trail.push(Step {
            query: query.to_owned(),
            key,
            fields,
            ids,
            limit: self.limit,
            matches: matches.clone(),
        });
        Some(matches)
    }

    /// Every id of `ids` (ascending) that matches, and the answer: all of
    /// them counted, the best [`Searcher::limit`] scored and ranked. A
    /// match is scored only when its [`fast::bound`] could beat the worst
    /// of the best so far: as ids come in ascending order, a later match
    /// never wins a tie.
    fn scan(
        &mut self,
        index: &CustomerIndex,
        plan: &Plan,
        ids: impl Iterator<Item = (u32, u8)>,
    ) -> (Vec<u32>, Matches) {
        let limit = self.limit;
        let mut matched = Vec::new();
        // The best so far; its top is the worst of them (lowest score,
        // then highest id).
        let mut best: BinaryHeap<(Reverse<u32>, u32)> = BinaryHeap::with_capacity(limit + 1);
        let mut last = None;
        let mut scratch = std::mem::take(&mut self.scratch);
        for (id, fields) in ids {
            debug_assert!(last < Some(id), "ids must ascend");
            last = Some(id);
            // Words alone, and a character the customer's words lack: out
            // before its pieces are even placed.
            if fields == WORDS
                && index
                    .entries
                    .get(id as usize)
                    .is_some_and(|e| e.chars & plan.words_chars != plan.words_chars)
            {
                continue;
            }
            let Some(hays) = Hays::of(index, id) else {
                continue;
            };
            let full = limit > 0 && best.len() == limit;
            // Below the worst kept, a match is only counted; with no room
            // at all (limit 0), none is scored.
            let worst = if limit == 0 {
                Some(u32::MAX)
            } else if full {
                best.peek().map(|(Reverse(worst), _)| *worst)
            } else {
                None
            };
            let Some(score) = eval(plan, &hays, fields, worst, &mut scratch) else {
                continue;
            };
            matched.push(id);
            if worst.is_some_and(|w| score <= w) {
                continue;
            }
            debug_assert_eq!(Some(score), self.nucleo_score(index, plan, id), "id {id}");
            if full {
                best.pop();
            }
            best.push((Reverse(score), id));
        }
        self.scratch = scratch;
        let mut hits: Vec<Hit> = best
            .into_iter()
            .map(|(Reverse(score), id)| Hit { id, score })
            .collect();
        hits.sort_unstable_by_key(|h| (Reverse(h.score), h.id));
        let total = matched.len();
        (matched, Matches { hits, total })
    }

    /// nucleo's score of customer `id`, from nucleo itself: what
    /// [`score`] computes faster.
    #[cfg_attr(not(any(test, debug_assertions)), allow(dead_code))]
    fn nucleo_score(&mut self, index: &CustomerIndex, plan: &Plan, id: u32) -> Option<u32> {
        let m = &mut self.matcher;
        let (e, l) = index.layout(id)?;
        let mut best: Option<u32> = None;
        if let Some(p) = &plan.words
            && e.chars & plan.words_chars == plan.words_chars
        {
            best = best.max(words_score(p, Utf32Str::Ascii(index.bytes(l.words())), m));
        }
        if let Some(a) = &plan.digits {
            let mut buf = Vec::new();
            let s = a.score(Utf32Str::Ascii(index.digits(&l, &mut buf)), m);
            best = best.max(s.map(u32::from));
        }
        if let Some(a) = &plan.net {
            let s = a.score(Utf32Str::Ascii(index.bytes(l.net())), m);
            best = best.max(s.map(u32::from));
        }
        best
    }

    /// Scores every customer of `ids` with nucleo and ranks them, the
    /// plain way: what [`Searcher::scan`] must always agree with.
    #[cfg(test)]
    fn brute_force(&mut self, index: &CustomerIndex, query: &str) -> Option<Matches> {
        let query = query.trim_start();
        if query.trim().chars().count() < MIN_QUERY {
            return None;
        }
        let plan = Plan::of(query);
        if plan.is_empty() {
            return None;
        }
        let mut hits: Vec<Hit> = (0..index.len() as u32)
            .filter_map(|id| {
                Some(Hit {
                    id,
                    score: self.nucleo_score(index, &plan, id)?,
                })
            })
            .collect();
        Some(self.rank(std::mem::take(&mut hits)))
    }

    /// The best `limit` hits, best first (ties in index order), and the total.
    #[cfg(test)]
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
mod tests;
