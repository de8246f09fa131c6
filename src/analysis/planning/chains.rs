//! The border's line parts joined into connected lines (chains), positions
//! along them, and what of them is still uncovered.

use std::collections::HashMap;

use geo_types::Coord;

use crate::analysis::coverage::COVERAGE_TOLERANCE_M;
use crate::geodesy::GeodesicEdge;
use crate::model::{BorderMap, BorderSegment};

/// One edge of a connected line, in the line's direction.
#[derive(Debug, Clone, Copy)]
pub(super) struct ChainEdge {
    /// Index in [`crate::model::BorderIndex`].
    pub(super) edge: usize,
    /// Traversed from b to a.
    pub(super) rev: bool,
    /// Offset of its start along the line, metres.
    pub(super) start: f64,
    pub(super) len: f64,
}

/// A connected line of border edges.
#[derive(Debug, Clone)]
pub(super) struct Chain {
    pub(super) edges: Vec<ChainEdge>,
    pub(super) length: f64,
}

impl Chain {
    pub(super) fn locate(&self, t: f64) -> (usize, f64) {
        let k = self
            .edges
            .partition_point(|e| e.start <= t)
            .saturating_sub(1)
            .min(self.edges.len() - 1);
        (k, (t - self.edges[k].start).clamp(0.0, self.edges[k].len))
    }

    /// Vertex offsets: the start of each edge and the end of the line.
    pub(super) fn vertices(&self) -> impl Iterator<Item = f64> + '_ {
        self.edges
            .iter()
            .map(|e| e.start)
            .chain(std::iter::once(self.length))
    }
}

/// Positions along chains.
pub(super) struct Walker<'m> {
    pub(super) map: &'m BorderMap,
}

impl<'m> Walker<'m> {
    /// Point at `t` along the chain, and the chain's azimuth there (degrees).
    pub(super) fn at(&self, chain: &Chain, t: f64) -> (Coord<f64>, f64) {
        let (k, s) = chain.locate(t);
        let ce = chain.edges[k];
        let edge = self.edge(ce.edge);
        if ce.rev {
            let (p, azi) = edge.point_at(ce.len - s);
            (p, azi + 180.0)
        } else {
            edge.point_at(s)
        }
    }

    /// The border edge at `i` in [`crate::model::BorderIndex`].
    pub(super) fn edge(&self, i: usize) -> &'m GeodesicEdge {
        &self.map.border_index().edges()[i].edge
    }

    pub(super) fn point(&self, chain: &Chain, t: f64) -> Coord<f64> {
        self.at(chain, t).0
    }

    pub(super) fn segment_of(&self, chain: &Chain, t: f64) -> (BorderSegment<'m>, bool) {
        let (k, _) = chain.locate(t);
        let ce = chain.edges[k];
        let s = self.map.border_index().item_of(ce.edge).segment as usize;
        (
            self.map.segment_at(s).expect("indexed segment exists"),
            ce.rev,
        )
    }
}

/// The border's line parts joined into connected lines.
pub(super) fn chains(map: &BorderMap) -> Vec<Chain> {
    let edges = map.border_index().edges();
    // line parts as runs of edges
    let mut parts: Vec<(usize, usize)> = Vec::new(); // [first, last] edge
    for (i, e) in edges.iter().enumerate() {
        match parts.last_mut() {
            Some(p) if edges[p.1].line == e.line => p.1 = i,
            _ => parts.push((i, i)),
        }
    }
    type Key = (u64, u64);
    let key = |c: Coord<f64>| -> Key { ((c.x + 0.0).to_bits(), (c.y + 0.0).to_bits()) };
    let ends: Vec<(Key, Key)> = parts
        .iter()
        .map(|&(f, l)| (key(edges[f].edge.a()), key(edges[l].edge.b())))
        .collect();
    let mut incident: HashMap<Key, Vec<(usize, bool)>> = HashMap::new();
    for (p, &(s, e)) in ends.iter().enumerate() {
        incident.entry(s).or_default().push((p, true));
        incident.entry(e).or_default().push((p, false));
    }
    let mut used = vec![false; parts.len()];
    let mut out = Vec::new();
    let walk = |mut p: usize, mut from_start: bool, used: &mut Vec<bool>| {
        let mut ce: Vec<ChainEdge> = Vec::new();
        let mut t = 0.0;
        loop {
            used[p] = true;
            let (f, l) = parts[p];
            let ids: Vec<usize> = if from_start {
                (f..=l).collect()
            } else {
                (f..=l).rev().collect()
            };
            for i in ids {
                let len = edges[i].edge.length_m();
                let len = if len.is_finite() { len } else { 0.0 };
                ce.push(ChainEdge {
                    edge: i,
                    rev: !from_start,
                    start: t,
                    len,
                });
                t += len;
            }
            let node = if from_start { ends[p].1 } else { ends[p].0 };
            let inc = &incident[&node];
            if inc.len() != 2 {
                break;
            }
            match inc.iter().find(|(q, _)| !used[*q]) {
                Some(&(q, is_start)) => {
                    p = q;
                    from_start = is_start;
                }
                None => break,
            }
        }
        Chain {
            edges: ce,
            length: t,
        }
    };
    for p in 0..parts.len() {
        for (node, from_start) in [(ends[p].0, true), (ends[p].1, false)] {
            if !used[p] && incident[&node].len() != 2 {
                out.push(walk(p, from_start, &mut used));
            }
        }
    }
    for p in 0..parts.len() {
        if !used[p] {
            out.push(walk(p, true, &mut used));
        }
    }
    out
}

/// The stretches of a chain not covered (per-edge covered intervals given),
/// merged, in chain offsets.
pub(super) fn uncovered(chain: &Chain, covered: &[Vec<(f64, f64)>]) -> Vec<(f64, f64)> {
    // A line of zero length (all its vertices coincide, or lie within the
    // tolerance) is still a border point to cover: it needs a post unless one
    // is within range of it (its edges then carry an interval).
    if chain.length <= COVERAGE_TOLERANCE_M {
        let reached = chain.edges.iter().any(|ce| !covered[ce.edge].is_empty());
        return if reached {
            Vec::new()
        } else {
            vec![(0.0, 0.0)]
        };
    }
    let mut out: Vec<(f64, f64)> = Vec::new();
    for ce in &chain.edges {
        let mut ivs: Vec<(f64, f64)> = covered[ce.edge]
            .iter()
            .map(|&(lo, hi)| {
                if ce.rev {
                    (ce.len - hi.min(ce.len), ce.len - lo)
                } else {
                    (lo, hi.min(ce.len))
                }
            })
            .collect();
        ivs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut cursor = 0.0;
        let mut push = |from: f64, to: f64| {
            let (from, to) = (ce.start + from, ce.start + to);
            match out.last_mut() {
                Some(last) if from - last.1 <= COVERAGE_TOLERANCE_M => last.1 = to,
                _ => out.push((from, to)),
            }
        };
        for (lo, hi) in ivs {
            if lo - cursor > COVERAGE_TOLERANCE_M {
                push(cursor, lo);
            }
            cursor = f64::max(cursor, hi);
        }
        if ce.len - cursor > COVERAGE_TOLERANCE_M {
            push(cursor, ce.len);
        }
    }
    out
}

/// The border point at `t` and the direction of the line there (degrees);
/// at a vertex, the mean of the directions of the two edges meeting there.
pub(super) fn perpendicular(w: &Walker<'_>, chain: &Chain, t: f64) -> (Coord<f64>, f64) {
    let (p, azi) = w.at(chain, t);
    let (k, s) = chain.locate(t);
    let at_start = s <= 1e-9 && k > 0;
    let at_end = s >= chain.edges[k].len - 1e-9 && k + 1 < chain.edges.len();
    if !(at_start || at_end) {
        return (p, azi);
    }
    let (before, after) = if at_start { (k - 1, k) } else { (k, k + 1) };
    let in_azi = chain_edge_azimuth(w, &chain.edges[before], true);
    let out_azi = chain_edge_azimuth(w, &chain.edges[after], false);
    let diff = (out_azi - in_azi + 540.0).rem_euclid(360.0) - 180.0;
    (p, in_azi + diff / 2.0)
}

/// The azimuth of a chain edge, in the chain's direction, at its end
/// (`at_end`) or its start, degrees.
pub(super) fn chain_edge_azimuth(w: &Walker<'_>, ce: &ChainEdge, at_end: bool) -> f64 {
    let s = if at_end != ce.rev { ce.len } else { 0.0 };
    let azi = w.edge(ce.edge).point_at(s).1;
    if ce.rev { azi + 180.0 } else { azi }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains_join_the_hand_segments() {
        let map = BorderMap::from_path("data/hand-checkable.geojson").unwrap();
        let c = chains(&map);
        assert_eq!(c.len(), 1, "seg-a and seg-b share (11, 0)");
        assert!((c[0].length - 221_893.879_351_072_36).abs() < 1e-6);
        let seed = BorderMap::from_path("data/armenia-azerbaijan-2021.geojson").unwrap();
        // main line, Nakhchivan line, three exclave rings
        assert_eq!(chains(&seed).len(), 5);
    }
}
