// Package partner ranks candidate partner regions for inter-regional
// cooperation (kerja sama antar daerah), the partner search of ANALYTICS.md
// section 9. It is pure: plain data in, ranked suggestions out, no storage
// and no HTTP, so the web layer, the CLI and batch jobs share one rule.
//
// # Scoring
//
// Every candidate pair gets six parts, each a number in a fixed range, and
// the score is Σ weight·part (see Weights for the defaults):
//
//   - complementarity ∈ [0,1]: over the sectors considered (all, or the one
//     sector or urusan of Options), a sector is complementary when exactly one
//     of the two regions is a basis region for it (LQ > threshold, strict,
//     default 1) and the other has data and is not: one supplies, the other is
//     a market ("imports"). Each such sector counts min(1, LQ_basis − LQ_other),
//     so a strong contrast (2.1 against 0.4) counts fully and a marginal one
//     (1.05 against 0.95) barely; the sum is divided by the number of sectors
//     considered. Both directions count: supply (the partner is basis, you are
//     not) and market (you are basis, the partner is not).
//   - shared_base ∈ [0,1]: the number of sectors where both are basis, divided
//     by the number of sectors considered (cluster development).
//   - border ∈ {0,1}: the two share a land border.
//   - distance ∈ (0,1]: 2^(−d/H) for the great-circle distance d between the
//     seats (ibu kota) and the half-distance H (Options.HalfDistanceKm,
//     default 100 km): 1 next door, ½ at 100 km, ¼ at 200 km. 0 when a seat is
//     unknown.
//   - gravity ∈ [0,1]: T = M_i·M_j/d^β (ANALYTICS.md section 7, β default 2,
//     the mass as given: GRDP or population) divided by the largest T over
//     the region's candidates, so the strongest interaction scores 1. Pairs
//     without a mass or a seat get 0 (excluded, never infinite).
//   - existing ∈ {−1, 0, +½}: an active cooperation already covers the pair,
//     so it is less of a new opportunity (−1); an expired one is a renewal
//     opportunity (+½); none is 0.
//
// A region without LQ data (no PDRB, a new region) still gets a ranking from
// proximity and what exists; its economic parts are 0 and a no_data reason
// says so. A region is never its own candidate. Ties are broken by the
// partner code, so the order is deterministic; scores are rounded to nine
// decimals first, so pairs that differ only by floating-point noise tie.
//
// # Explanations
//
// Each suggestion carries Reasons as message keys with arguments so the web
// layer can translate them with its catalogue; Explain renders them as one
// sentence in Indonesian ("id") or English ("en") for the CLI, logs and tests.
package partner
