package geo

// CodeLevel returns the level of a syntactically valid Kemendagri region
// code: 1 for a province ("11"), 2 for a regency or city ("11.01"), 3 for a
// district ("11.01.01") and 4 for a village ("11.01.01.2001"). It returns 0
// for anything else. Segments are ASCII digits of fixed width (2, 2, 2, 4);
// a segment of only zeros ("00", "0000") is rejected because Kemendagri never
// assigns it. Whether the region exists is not checked here.
func CodeLevel(code string) int {
	widths := [...]int{2, 2, 2, 4}
	level, i := 0, 0
	for level < len(widths) {
		w := widths[level]
		if i+w > len(code) {
			return 0
		}
		zero := true
		for j := i; j < i+w; j++ {
			c := code[j]
			if c < '0' || c > '9' {
				return 0
			}
			if c != '0' {
				zero = false
			}
		}
		if zero {
			return 0
		}
		i += w
		level++
		if i == len(code) {
			return level
		}
		if code[i] != '.' {
			return 0
		}
		i++
	}
	return 0
}

// ValidCode reports whether code is a syntactically valid Kemendagri region
// code of any level (see CodeLevel).
func ValidCode(code string) bool { return CodeLevel(code) > 0 }
