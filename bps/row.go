package bps

import "strings"

// Row is one value placed on a Kemendagri region, with where it came from.
type Row struct {
	Region    string // Kemendagri code ("32.04", "32"), or NationalCode
	BPSCode   string // the source's BPS code; "" for canonical files
	Indicator string // see the vocabulary in doc.go
	Year      int
	Value     float64
	Unit      string // UnitMiliar, UnitJuta, UnitRibu or UnitPersons
	Line      int    // 1-based line in File
	File      string
	// SourceFlag is the remark the source or its tidy conversion attached to
	// the row (qa_flag, catatan), kept for the audit trail; Check does not
	// read it.
	SourceFlag string
}

// Units of Row.Unit. Values are kept in the unit of their source.
const (
	UnitMiliar  = "miliar Rp"
	UnitJuta    = "juta Rp"
	UnitRibu    = "ribu Rp"
	UnitPersons = "jiwa"
)

// Indicators written by the readers; see doc.go.
const (
	IndLUPrefix      = "pdrb_adhk_lu:" // + taxonomy sector code ("A", "M_N"): one business field, ADHK 2010
	IndLUTotal       = "pdrb_adhk_lu_total"
	IndADHKTotal     = "pdrb_adhk_total"
	IndADHBTotal     = "pdrb_adhb_total"
	IndADHKPerCapita = "pdrb_adhk_per_capita"
	IndADHBPerCapita = "pdrb_adhb_per_capita"
	IndPopulation    = "population"
)

const (
	tableSuffix       = ":*"     // a Finding.Indicator "base:*" names a whole table
	totalSuffix       = "_total" // "base_total" is the total of the sectors "base:X"
	sectorSeparator   = ":"
	provinceRounding  = 8.5 // 17 sectors rounded to whole billions: at most 17 × 0.5
	defaultSumRelTol  = 0.005
	nationalMaxTaxGap = 0.10
)

// Kind names a kind of finding.
type Kind string

const (
	KindUnknownCode      Kind = "unknown_code"        // the region could not be placed; the row is not in the result
	KindUnmappedRegion   Kind = "unmapped_region"     // deliberately unmapped (pre-2022 Papua provinces)
	KindSectorSum        Kind = "sector_sum_mismatch" // sectors do not add up to the total
	KindJump             Kind = "order_of_magnitude_jump"
	KindZeroTotal        Kind = "zero_total"
	KindDuplicateKey     Kind = "duplicate_key"
	KindNationalNetTaxes Kind = "national_includes_net_taxes"
	KindProvinceRounding Kind = "province_rounding"
	KindSkipped          Kind = "skipped_row" // a row the layout holds but the vocabulary does not take
)

// Severity says what a finding suggests doing with the rows it names.
type Severity string

const (
	ExcludeSuggested Severity = "exclude_suggested"
	Info             Severity = "info"
)

// Finding is one data-quality observation. Region, Indicator and Year name
// the rows concerned; an Indicator ending in ":*" ("pdrb_adhk_lu:*") names
// a whole table: every sector of it and its total. File and Line point at
// the row that shows the problem (for a table, its total).
type Finding struct {
	File      string
	Line      int
	Region    string
	Indicator string
	Year      int
	Kind      Kind
	Detail    string
	Severity  Severity
}

// covers reports whether the finding names row r.
func (f Finding) covers(r Row) bool {
	if f.Region != r.Region || f.Year != r.Year {
		return false
	}
	if f.Indicator == r.Indicator {
		return true
	}
	base, ok := strings.CutSuffix(f.Indicator, tableSuffix)
	return ok && (strings.HasPrefix(r.Indicator, base+sectorSeparator) || r.Indicator == base+totalSuffix)
}
