//! Exact products of percentages. An availability composed of many parts is
//! `100 × Π (aᵢ / 100)` (docs/format.md §5.1), and the product of a handful of
//! percentages has more digits than a [`Decimal`] holds: comparisons of a composed
//! availability run on these unbounded integers, and only what is printed rounds.

use std::cmp::Ordering;

use num_bigint::BigUint;
use rust_decimal::Decimal;

/// A non-negative decimal of any size, `digits × 10^-scale`, ordered by value.
#[derive(Debug, Clone)]
pub struct Exact {
    digits: BigUint,
    scale: u32,
}

impl Exact {
    /// The magnitude of a decimal, exactly.
    pub fn of(value: Decimal) -> Self {
        Exact {
            digits: BigUint::from(value.mantissa().unsigned_abs()),
            scale: value.scale(),
        }
    }

    /// `100 × Π (aᵢ / 100)` over percentages, exactly; `None` for no factor.
    pub fn availability<'a>(factors: impl IntoIterator<Item = &'a Decimal>) -> Option<Self> {
        let mut factors = factors.into_iter();
        let mut product = Exact::of(*factors.next()?);
        for factor in factors {
            product = product.times(&Exact::of(*factor));
            product.scale += 2; // ÷ 100
        }
        Some(product)
    }

    /// The exact product.
    fn times(&self, other: &Exact) -> Exact {
        Exact {
            digits: &self.digits * &other.digits,
            scale: self.scale + other.scale,
        }
    }
}

impl Ord for Exact {
    fn cmp(&self, other: &Exact) -> Ordering {
        let ten = BigUint::from(10u32);
        if self.scale < other.scale {
            (&self.digits * ten.pow(other.scale - self.scale)).cmp(&other.digits)
        } else {
            self.digits
                .cmp(&(&other.digits * ten.pow(self.scale - other.scale)))
        }
    }
}

impl PartialOrd for Exact {
    fn partial_cmp(&self, other: &Exact) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Exact {
    fn eq(&self, other: &Exact) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Exact {}

/// `100 × Π (aᵢ / 100)` as a [`Decimal`]: exact whenever the product fits in one (as it
/// does for a few parts of a few decimals each), otherwise rounded in its last place.
/// For display and for figures that are compared no further; comparisons use [`Exact`].
pub fn availability(factors: &[Decimal]) -> Option<Decimal> {
    let (&first, rest) = factors.split_first()?;
    let mut product = first;
    for &factor in rest {
        product = product
            .checked_mul(factor)
            .and_then(|p| p.checked_div(Decimal::ONE_HUNDRED))
            .unwrap_or(product);
    }
    Some(if rest.is_empty() {
        first
    } else {
        product.normalize()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn the_product_is_exact() {
        let two = Exact::availability(&[dec!(99.99), dec!(99.95)]).unwrap();
        assert_eq!(Exact::of(dec!(99.940005)).cmp(&two), Ordering::Equal);
        assert_eq!(Exact::of(dec!(99.940006)).cmp(&two), Ordering::Greater);
        assert_eq!(Exact::of(dec!(99.94)).cmp(&two), Ordering::Less);
        assert_eq!(
            Exact::of(dec!(100)).cmp(&Exact::availability(&[dec!(100)]).unwrap()),
            Ordering::Equal
        );
        assert_eq!(
            availability(&[dec!(99.99), dec!(99.95)]),
            Some(dec!(99.940005))
        );
        assert_eq!(availability(&[dec!(99.90)]), Some(dec!(99.90)));
        assert_eq!(availability(&[]), None);
    }

    #[test]
    fn a_product_with_more_digits_than_a_decimal_is_still_exact() {
        // 100 × 0.99999⁸ = 99.99200027999440006999944000279999200001: 38 decimals, more
        // than a Decimal holds.
        let factors = [dec!(99.999); 8];
        let exact = Exact::availability(&factors).unwrap();
        let below = dec!(99.99200027999440006999944000);
        let above = dec!(99.99200027999440006999944001);
        assert_eq!(Exact::of(below).cmp(&exact), Ordering::Less);
        assert_eq!(Exact::of(above).cmp(&exact), Ordering::Greater);
    }
}
