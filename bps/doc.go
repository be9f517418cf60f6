// Package bps is the pure part of importing Badan Pusat Statistik (BPS)
// tables into Jalin: it reads the tables, places each row on a Kemendagri
// region through a reviewed crosswalk, checks the data for the defects BPS
// tables are known to carry, and computes what an import would write. It
// has no database and no HTTP; the importer wires storage and pages around
// it.
//
// # Crosswalk
//
// BPS codes are not Kemendagri codes: the same four digits often name a
// different regency (BPS 1101 is Simeulue, Kemendagri 11.01 is Aceh
// Selatan). Crosswalk.Map therefore uses the BPS code only for the province
// and the kind (kota from 71 up) and finds the regency by normalised name
// within the province. The regencies of the BPS provinces 91 (Papua Barat)
// and 94 (Papua) of the 34-province map are looked up among the Kemendagri
// provinces they were split into in 2022. What name matching cannot decide
// (province rows, the national row, typos, renamed regencies) is in the
// reviewed file data/crosswalk_renames.csv. Rows that cannot be placed are
// reported, never guessed. Record CrosswalkVersion with every import.
//
// # Indicators
//
// The canonical CSV layout is
//
//	region,indicator,year,value,unit
//
// with region a Kemendagri code ("32.04", "32") or NationalCode ("00") and
// one unit per indicator:
//
//	pdrb_adhk_lu:<sector>   PDRB by business field, constant 2010 prices,   miliar Rp
//	                        <sector> a taxonomy.Sector code: A … L, M_N, O, P, Q, R_S_T_U
//	pdrb_adhk_lu_total      the total column of that same table,             miliar Rp
//	pdrb_adhk_total         total PDRB (expenditure tables), constant 2010,  juta Rp
//	pdrb_adhb_total         total PDRB (expenditure tables), current prices, juta Rp
//	pdrb_adhk_per_capita    PDRB per capita, constant 2010 prices,           ribu Rp
//	pdrb_adhb_per_capita    PDRB per capita, current prices,                 ribu Rp
//	population              persons at the end of the latest semester given, jiwa
//
// Values keep the unit of their source. pdrb_adhk_lu_total and
// pdrb_adhk_total are the same quantity from two vintages (the
// business-field table is older and differs slightly); they are kept apart
// so that neither overwrites the other and so that the sectors are checked
// against the total of their own table. A national pdrb_adhk_lu_total
// includes net taxes on products and is not the sum of the sectors.
//
// # Quality
//
// Check reports Findings of the kinds listed with Kind; Plan sets aside the
// rows named by findings of severity exclude_suggested when the importer
// chooses to import without them.
package bps
