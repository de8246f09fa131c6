//! One bracketed root finder for the one-dimensional searches along geodesic
//! edges and lines: the nearest point on an edge (Newton on the distance's
//! slope), where an edge leaves a post's range (Newton on distance − range),
//! and the predicate searches of the planner and the median tracer
//! (bisection).
//!
//! The caller evaluates its function and proposes the next point (a Newton
//! step, or nothing); [`Bracket`] keeps the sign change and says where to
//! evaluate next: the proposal while it stays strictly inside the bracket,
//! else an end not evaluated yet, else the midpoint.

/// Two points between which a function changes sign: `f(neg) < 0 < f(pos)`
/// (or the sign is not known yet at an end not evaluated). The ends may lie
/// in either order on the line.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bracket {
    neg: f64,
    pos: f64,
    neg_seen: bool,
    pos_seen: bool,
}

impl Bracket {
    /// A bracket whose ends have not been evaluated: a proposal beyond an end
    /// is sent to that end first.
    pub(crate) fn open(neg: f64, pos: f64) -> Bracket {
        Bracket {
            neg,
            pos,
            neg_seen: false,
            pos_seen: false,
        }
    }

    /// A bracket whose ends are known to have the signs: a proposal leaving it
    /// is replaced by the midpoint.
    pub(crate) fn known(neg: f64, pos: f64) -> Bracket {
        Bracket {
            neg,
            pos,
            neg_seen: true,
            pos_seen: true,
        }
    }

    /// The end where the function is negative (or assumed so).
    pub(crate) fn neg(&self) -> f64 {
        self.neg
    }

    /// Width of the bracket, in the variable's units.
    pub(crate) fn width(&self) -> f64 {
        (self.pos - self.neg).abs()
    }

    /// Narrows the bracket with the value `f` at `x` (a zero changes
    /// nothing: the caller stops there).
    pub(crate) fn record(&mut self, x: f64, f: f64) {
        if f < 0.0 {
            self.neg = x;
            self.neg_seen = true;
        } else if f > 0.0 {
            self.pos = x;
            self.pos_seen = true;
        }
    }

    /// Whether `x` lies strictly between the ends.
    pub(crate) fn contains(&self, x: f64) -> bool {
        let (lo, hi) = (self.neg.min(self.pos), self.neg.max(self.pos));
        x > lo && x < hi
    }

    /// Where to evaluate next, given a proposal (a Newton step's target, or
    /// NaN for plain bisection): the proposal while strictly inside; past an
    /// end not yet evaluated, that end; else the midpoint.
    pub(crate) fn next(&self, proposal: f64) -> f64 {
        if self.contains(proposal) {
            return proposal;
        }
        let mid = 0.5 * (self.neg + self.pos);
        if !proposal.is_finite() {
            return mid;
        }
        // the proposal is at or beyond the negative end when it does not lie
        // on the positive end's side of it
        let beyond_neg = (proposal - self.neg) * (self.pos - self.neg) <= 0.0;
        match (beyond_neg, self.neg_seen, self.pos_seen) {
            (true, false, _) => self.neg,
            (false, _, false) => self.pos,
            _ => mid,
        }
    }
}

/// The last point of `[holds, fails]` where `pred` holds, by bisection to
/// `tol` (in the variable's units), given that it holds at `holds` and fails
/// at `fails` (either order). Returns a point where it was seen to hold.
pub(crate) fn bisect(holds: f64, fails: f64, tol: f64, mut pred: impl FnMut(f64) -> bool) -> f64 {
    let mut b = Bracket::known(holds, fails);
    while b.width() > tol {
        let mid = b.next(f64::NAN);
        b.record(mid, if pred(mid) { -1.0 } else { 1.0 });
    }
    b.neg()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bisect_finds_a_threshold_from_either_side() {
        // x² ≤ 2 holds up to √2
        let r = bisect(0.0, 2.0, 1e-12, |x| x * x <= 2.0);
        assert!(r <= std::f64::consts::SQRT_2 && std::f64::consts::SQRT_2 - r < 1e-12);
        // and decreasing: x ≥ 1/3 holds from 1 down to 1/3
        let r = bisect(1.0, 0.0, 1e-12, |x| x >= 1.0 / 3.0);
        assert!(r >= 1.0 / 3.0 && r - 1.0 / 3.0 < 1e-12);
    }

    #[test]
    fn newton_proposals_stay_inside() {
        let mut b = Bracket::open(0.0, 10.0);
        // past an untried end: that end first
        assert_eq!(b.next(-3.0), 0.0);
        assert_eq!(b.next(12.0), 10.0);
        assert_eq!(b.next(4.0), 4.0);
        b.record(0.0, -1.0);
        b.record(10.0, 1.0);
        // both ends seen: the midpoint
        assert_eq!(b.next(-3.0), 5.0);
        assert_eq!(b.next(f64::NAN), 5.0);
        b.record(5.0, 2.0);
        assert_eq!(b.width(), 5.0);
        assert!(b.contains(2.5) && !b.contains(5.0) && !b.contains(0.0));
        b.record(1.0, 0.0); // a zero changes nothing
        assert_eq!((b.neg(), b.width()), (0.0, 5.0));
    }

    #[test]
    fn newton_on_a_reversed_bracket_converges() {
        // the negative end above the positive one: 2 − x² on [0, 2]
        let f = |x: f64| 2.0 - x * x;
        let mut b = Bracket::known(2.0, 0.0);
        let mut x = 1.0;
        for _ in 0..60 {
            let fx = f(x);
            if fx == 0.0 || b.width() < 1e-14 {
                break;
            }
            b.record(x, fx);
            x = b.next(x - fx / (-2.0 * x));
        }
        assert!((x - std::f64::consts::SQRT_2).abs() < 1e-12, "{x}");
    }
}
