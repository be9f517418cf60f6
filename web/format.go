package web

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/jalin-ksd/jalin/i18n"
)

// Numbers on the pages are written in the request's language: Indonesian
// groups thousands with a dot and writes a decimal comma (1.234,5), English
// the other way round (1,234.5). The templates reach these functions through
// the view's methods (Num, Dec, Pct, Rupiah, Km, Size); chart data, the JSON
// API and the CSV/XLSX exports keep plain machine-readable numbers.

// separators are lang's thousands and decimal marks.
func separators(lang i18n.Lang) (thousands, decimal byte) {
	if lang == i18n.EN {
		return ',', '.'
	}
	return '.', ','
}

// groupDigits writes the digits of a non-negative integer with sep between
// every three of them.
func groupDigits(digits string, sep byte) string {
	var b strings.Builder
	for i := 0; i < len(digits); i++ {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(sep)
		}
		b.WriteByte(digits[i])
	}
	return b.String()
}

// formatIntIn writes n with lang's thousands separators.
func formatIntIn(lang i18n.Lang, n int64) string {
	th, _ := separators(lang)
	if n < 0 {
		return "-" + groupDigits(strconv.FormatUint(uint64(-n), 10), th)
	}
	return groupDigits(strconv.FormatInt(n, 10), th)
}

// formatFloatIn writes v rounded to d decimals with lang's separators; a
// value that is not a number is a dash.
func formatFloatIn(lang i18n.Lang, v float64, d int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	th, dp := separators(lang)
	// Round half away from zero (0.125 → 0.13), then write the digits.
	scale := math.Pow(10, float64(d))
	s := strconv.FormatFloat(math.Round(math.Abs(v)*scale)/scale, 'f', d, 64)
	ip, frac, _ := strings.Cut(s, ".")
	out := groupDigits(ip, th)
	if d > 0 {
		out += string(dp) + frac
	}
	if v < 0 && strings.Trim(s, "0.") != "" {
		out = "-" + out
	}
	return out
}

// formatPctIn writes a ratio as a percentage with one decimal.
func formatPctIn(lang i18n.Lang, ratio float64) string {
	return formatFloatIn(lang, ratio*100, 1) + " %"
}

// formatSizeIn writes a byte count as a person reads it.
func formatSizeIn(lang i18n.Lang, n int64) string {
	switch {
	case n >= 1<<20:
		return formatFloatIn(lang, float64(n)/(1<<20), 1) + " MB"
	case n >= 1<<10:
		return formatFloatIn(lang, float64(n)/(1<<10), 0) + " KB"
	}
	return formatIntIn(lang, n) + " B"
}

// number takes what a template passes as a number: a float or an integer,
// or a pointer to a float that is nil for a missing value.
func number(x any) (float64, bool) {
	switch v := x.(type) {
	case float64:
		return v, true
	case *float64:
		if v == nil {
			return 0, false
		}
		return *v, true
	case float32:
		return float64(v), true
	case int:
		return float64(v), true
	case int64:
		return float64(v), true
	}
	panic(fmt.Sprintf("web: not a number: %T", x))
}

// Num writes a count (any integer type) with the page's thousands
// separators.
func (v *view) Num(n any) string {
	switch i := n.(type) {
	case int:
		return formatIntIn(v.Lang, int64(i))
	case int64:
		return formatIntIn(v.Lang, i)
	case int32:
		return formatIntIn(v.Lang, int64(i))
	}
	panic(fmt.Sprintf("web: not an integer: %T", n))
}

// Dec writes x (a number, or a *float64 that is nil when missing: a dash)
// with d decimals in the page's language.
func (v *view) Dec(x any, d int) string {
	f, ok := number(x)
	if !ok {
		return "–"
	}
	return formatFloatIn(v.Lang, f, d)
}

// Pct writes a ratio (a number or a *float64, nil for a dash) as a
// percentage with one decimal in the page's language.
func (v *view) Pct(x any) string {
	f, ok := number(x)
	if !ok {
		return "–"
	}
	return formatPctIn(v.Lang, f)
}

// Rupiah writes an amount of rupiah.
func (v *view) Rupiah(n int64) string { return "Rp " + formatIntIn(v.Lang, n) }

// Km writes a distance in kilometres with one decimal.
func (v *view) Km(f float64) string { return formatFloatIn(v.Lang, f, 1) }

// Size writes a file size.
func (v *view) Size(n int64) string { return formatSizeIn(v.Lang, n) }
