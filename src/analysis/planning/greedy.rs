//! The greedy cover along one chain, the set-back placement and the lower
//! bound by packing.

use geo_types::Coord;

use super::chains::{Chain, Walker, perpendicular};
use super::circle::one_centre;
use super::{BISECT_TOL_M, SETBACK_TOL_M, Setback};
use crate::error::{Error, Result};
use crate::geodesy::root::bisect;
use crate::geodesy::{destination, distance_m, ecef};

/// One post placed by [`greedy`].
pub(super) struct Placed {
    /// Where it stands.
    pub(super) point: Coord<f64>,
    /// Offset along the chain of the border point it was planned from, metres.
    pub(super) t: f64,
}

/// Greedy cover of the stretches `need` of one chain.
pub(super) fn greedy(
    w: &Walker<'_>,
    chain: &Chain,
    need: &[(f64, f64)],
    r: f64,
    setback: Option<&Setback<'_>>,
    on_border: bool,
) -> Result<Vec<Placed>> {
    let mut out = Vec::new();
    if need.is_empty() || chain.edges.is_empty() {
        return Ok(out);
    }
    // Points where the distance to a post can peak over what needs covering:
    // vertices inside the need, and the ends of its stretches.
    let mut marks: Vec<f64> = chain
        .vertices()
        .filter(|&v| need.iter().any(|&(a, b)| a <= v && v <= b))
        .chain(need.iter().flat_map(|&(a, b)| [a, b]))
        .collect();
    marks.sort_by(f64::total_cmp);
    marks.dedup();
    // Candidate ends for the scan: every vertex and every mark.
    let mut stops: Vec<f64> = chain.vertices().chain(marks.iter().copied()).collect();
    stops.sort_by(f64::total_cmp);
    stops.dedup();

    let mut u = need[0].0;
    loop {
        let u_pt = w.point(chain, u);
        // the farthest point of what needs covering in [u, t] from P(t)
        let reach = |t: f64| -> f64 {
            let p = w.point(chain, t);
            let lo = marks.partition_point(|&m| m <= u);
            let hi = marks.partition_point(|&m| m <= t);
            marks[lo..hi]
                .iter()
                .map(|&m| distance_m(p, w.point(chain, m)))
                .fold(distance_m(p, u_pt), f64::max)
        };
        // With free positions (no set-back, not on the line), the post is the
        // geodesic 1-centre of the stretch [u, t]: its radius only grows with
        // t, so the scan finds the farthest t a single post can reach.
        let centre = |t: f64| -> (Coord<f64>, f64) {
            let lo = marks.partition_point(|&m| m <= u);
            let hi = marks.partition_point(|&m| m <= t);
            let mut pts: Vec<Coord<f64>> = Vec::with_capacity(hi - lo + 2);
            pts.push(u_pt);
            pts.extend(marks[lo..hi].iter().map(|&m| w.point(chain, m)));
            pts.push(w.point(chain, t));
            one_centre(&pts)
        };
        let free = setback.is_none() && !on_border;
        let ok = |t: f64| -> bool {
            if free {
                centre(t).1 <= r
            } else {
                reach(t) <= r
            }
        };
        // scan forward: the condition holds on [u, t_ok]
        // The condition holds on an interval [u, t*] (quasi-convexity, or a
        // monotone 1-centre radius), so the last stop that passes is found by
        // galloping then bisecting over the stops: O(log k) checks, not k.
        let first = stops.partition_point(|&b| b <= u);
        let ahead = &stops[first..];
        let mut good: Option<usize> = None;
        let mut bad: Option<usize> = None;
        let mut i = 0usize;
        while i < ahead.len() {
            if ok(ahead[i]) {
                good = Some(i);
                if i + 1 == ahead.len() {
                    break;
                }
                i = (2 * i + 1).min(ahead.len() - 1);
            } else {
                bad = Some(i);
                break;
            }
        }
        if let Some(mut hi) = bad {
            let mut lo = good.map_or(0, |g| g + 1);
            // invariant: every stop before `lo` passes, `hi` fails
            while lo < hi {
                let mid = (lo + hi) / 2;
                if ok(ahead[mid]) {
                    good = Some(mid);
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            bad = Some(hi);
        }
        let t_ok = good.map_or(u, |g| ahead[g]);
        let mut t_best = chain.length;
        if let Some(b) = bad {
            // the boundary inside (t_ok, b)
            t_best = bisect(t_ok, ahead[b], BISECT_TOL_M, &ok);
        }
        if t_ok >= chain.length {
            t_best = chain.length;
        }
        // the post position (with set-back), possibly moved back
        let (t, border_point, post) = match setback {
            None if free => (t_best, w.point(chain, t_best), centre(t_best).0),
            None => (t_best, w.point(chain, t_best), w.point(chain, t_best)),
            Some(sb) => place_setback(w, chain, u, t_best, r, sb, &reach)?,
        };
        out.push(Placed { point: post, t });
        // how far the post covers beyond t (from its border point, range r;
        // from the post itself when it stands freely)
        let from = if free { post } else { border_point };
        let v = forward_reach(w, chain, need, &marks, from, t, r);
        match v {
            None => break,
            Some(v) => {
                // next: the first point still needed at or after v
                match need.iter().find(|&&(_, b)| b > v) {
                    Some(&(a, _)) => u = a.max(v),
                    None => break,
                }
            }
        }
    }
    Ok(out)
}

/// The first needed point after `t` farther than `r` from `p` (to within the
/// bisection tolerance, on its near side), or `None` if the rest is covered.
pub(super) fn forward_reach(
    w: &Walker<'_>,
    chain: &Chain,
    need: &[(f64, f64)],
    marks: &[f64],
    p: Coord<f64>,
    t: f64,
    r: f64,
) -> Option<f64> {
    // sub-pieces of the need beyond t, split at the marks (vertices, ends)
    let start = marks.partition_point(|&m| m <= t);
    let mut prev = t;
    let mut d_prev = distance_m(p, w.point(chain, t));
    for &m in &marks[start..] {
        let inside = need.iter().any(|&(a, b)| a <= prev && m <= b && prev < m);
        let d_m = distance_m(p, w.point(chain, m));
        if inside {
            if d_prev > r {
                return Some(prev);
            }
            if d_m > r {
                let within = |x: f64| distance_m(p, w.point(chain, x)) <= r;
                return Some(bisect(prev, m, BISECT_TOL_M, within));
            }
        } else if d_m > r && need.iter().any(|&(a, _)| a == m) {
            // a new needed stretch starts out of reach
            return Some(m);
        }
        prev = m;
        d_prev = d_m;
    }
    None
}

/// A set-back position for a post planned at `t_best`: perpendicular to the
/// line, into the party's side, exactly `s` from the border; moved back along
/// the line towards `u` while that fails. Returns (offset along the line,
/// border point, post position).
pub(super) fn place_setback(
    w: &Walker<'_>,
    chain: &Chain,
    u: f64,
    t_best: f64,
    r: f64,
    sb: &Setback<'_>,
    reach: &dyn Fn(f64) -> f64,
) -> Result<(f64, Coord<f64>, Coord<f64>)> {
    if sb.metres == 0.0 {
        let p = w.point(chain, t_best);
        return Ok((t_best, p, p));
    }
    let step = (r / 50.0).clamp(1.0, 250.0);
    // (border point, azimuth of the set-back) at each usable offset
    let mut tried: Vec<(f64, Coord<f64>, f64)> = Vec::new();
    let probe = |p: Coord<f64>, azi: f64, s: f64| -> Option<(Coord<f64>, f64)> {
        let q = destination(p, azi, s);
        let d = w.map.distance_to_border(q).ok()?;
        (d.side == Some(sb.party)).then_some((q, d.distance_m))
    };
    let mut t = t_best;
    loop {
        if t == t_best || reach(t) <= r {
            let (seg, rev) = w.segment_of(chain, t);
            let left = if seg.left() == sb.party {
                !rev
            } else if seg.right() == sb.party {
                rev
            } else {
                return Err(Error::BadParameter {
                    name: "setback_party",
                    value: f64::NAN,
                    expected: "a party on the left or right of every segment that needs a post",
                });
            };
            let (p, azi) = perpendicular(w, chain, t);
            let azi = if left { azi - 90.0 } else { azi + 90.0 };
            if let Some((q, d)) = probe(p, azi, sb.metres)
                && d >= sb.metres - SETBACK_TOL_M
            {
                return Ok((t, p, q));
            }
            tried.push((t, p, azi));
        }
        if t <= u {
            break;
        }
        t = (t - step).max(u);
    }
    // No offset between u and t_best takes the full set-back (the party's
    // land there is narrower, e.g. a small exclave): stand as far in as the
    // perpendicular allows, at the offset where that is farthest. Any
    // set-back up to `s` keeps the coverage (triangle inequality).
    let mut best = (t_best, w.point(chain, t_best), w.point(chain, t_best), 0.0);
    for &(t, p, azi) in &tried {
        let mut found: Option<(Coord<f64>, f64)> = None;
        // to ~30 halvings of the set-back
        bisect(0.0, sb.metres, sb.metres * 1e-9, |mid| {
            match probe(p, azi, mid) {
                Some((q, d)) if d >= mid - SETBACK_TOL_M => {
                    found = Some((q, d));
                    true
                }
                _ => false,
            }
        });
        if let Some((q, d)) = found
            && d > best.3
        {
            best = (t, p, q, d);
        }
    }
    Ok((best.0, best.1, best.2))
}

/// Greedy packing of needed border points pairwise more than 2R apart.
pub(super) fn packing_bound(
    w: &Walker<'_>,
    chains: &[Chain],
    need: &[Vec<(f64, f64)>],
    r: f64,
) -> usize {
    let step = (r / 20.0).min(250.0);
    let sep = 2.0 * r * (1.0 + 1e-9) + 1e-6;
    let mut chosen: Vec<(Coord<f64>, [f64; 3])> = Vec::new();
    for (chain, stretches) in chains.iter().zip(need) {
        for &(a, b) in stretches {
            let n = ((b - a) / step).ceil().max(1.0) as usize;
            for i in 0..=n {
                let t = a + (b - a) * i as f64 / n as f64;
                let p = w.point(chain, t);
                let e = ecef(p);
                let far = chosen.iter().all(|(c, ce)| {
                    let chord =
                        ((e[0] - ce[0]).powi(2) + (e[1] - ce[1]).powi(2) + (e[2] - ce[2]).powi(2))
                            .sqrt();
                    // the chord never exceeds the geodesic distance
                    chord > sep || distance_m(p, *c) > sep
                });
                if far {
                    chosen.push((p, e));
                }
            }
        }
    }
    chosen.len()
}
