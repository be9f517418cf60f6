// Package analysis is the first half of Jalin's analysis engine ("potensi
// daerah"): the sectoral and inequality indicators of
// shared/domain/ANALYTICS.md sections 0–7 and 9, computed on a dense
// in-memory Panel of regional GDP (PDRB) by business field.
//
// The package is pure: no database, no HTTP, no package-level mutable state.
// Every method is a function of a *Panel (or of plain slices) that returns a
// plain result struct, deterministically. Every result carries a Meta
// (indicator, variant, price basis, reference, window, vintage, unit) and a
// status per item (ok, undefined, missing, isolated) with the reason for each
// item that is not ok, as ANALYTICS.md section 9 asks. Nothing divides by
// zero silently: an undefined item is NaN in the dense arrays, has a non-OK
// status and is listed in the result's Notes.
//
// Conventions (ANALYTICS.md section 0):
//
//   - The total of a region is the sum of its sector values (TotalSectorSum),
//     so shares add up to 1. A separately given total (indicator TOTAL) is
//     kept for validation only, unless Options.Total says otherwise.
//   - The reference of a region is, by default, the published row of its
//     reference area (province for a kab/kota, nation for a province) with
//     that row's sector sum as the total: Options.ReferenceOf maps each region
//     to the code of its reference row. Without a mapping, or with
//     Options.ReferenceSum, the reference is the sum of the member regions
//     (variant "sum_of_regions").
//   - Growth is the arithmetic mean of the annual rates of the window
//     (AvgMean); the compound rate (AvgCAGR) is a variant.
//   - Price basis defaults to ADHK (constant 2010 prices).
package analysis
