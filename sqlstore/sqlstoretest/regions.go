package sqlstoretest

import (
	"fmt"
	"slices"
	"strings"

	"github.com/jalin-ksd/jalin/region"
)

// FullCounts are the sizes of the real reference per level (provinces,
// regencies, districts, villages): 91,599 regions in all.
var FullCounts = [4]int{38, 514, 7285, 83762}

// Regions returns a made-up region tree with counts[i] regions at level
// i+1, sorted by code, each level spread evenly over the one above. Tests
// use it for loads of a known shape without depending on the embedded
// reference; codes look like the real ones ("11.01.01.2001").
func Regions(counts [4]int) []region.Region {
	kinds := [4]region.Kind{region.KindProvince, region.KindKabupaten, region.KindDistrict, region.KindDesa}
	var all []region.Region
	var parents []string
	for lvl := range 4 {
		var level []string
		used := make(map[string]int)
		for i := range counts[lvl] {
			r := region.Region{Level: region.Level(lvl + 1), Kind: kinds[lvl]}
			switch lvl {
			case 0:
				r.Code = fmt.Sprintf("%02d", 11+i)
			default:
				r.Parent = parents[i%len(parents)]
				n := used[r.Parent]
				used[r.Parent]++
				if lvl == 3 {
					r.Code = fmt.Sprintf("%s.%04d", r.Parent, 2001+n)
				} else {
					r.Code = fmt.Sprintf("%s.%02d", r.Parent, 1+n)
				}
			}
			r.Name = "Wilayah " + r.Code
			level = append(level, r.Code)
			all = append(all, r)
		}
		parents = level
	}
	slices.SortFunc(all, func(a, b region.Region) int { return strings.Compare(a.Code, b.Code) })
	return all
}
