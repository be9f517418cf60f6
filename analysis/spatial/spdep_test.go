package spatial

import (
	"strconv"
	"strings"
	"testing"
)

// Values from R spdep 1.2-7 (R 4.2.2) on the same adjacency, islands with
// zero.policy = TRUE, for x = province code + (regency number mod 7):
//
//	lw <- nb2listw(nb, style = "W", zero.policy = TRUE)
//	moran.test(x, lw, zero.policy = TRUE)                       # adjust.n = TRUE
//	moran.test(x, lw, zero.policy = TRUE, randomisation = FALSE)
//	localmoran(x, lw, zero.policy = TRUE)[, "Ii"]
//	localG(x, nb2listw(include.self(nb), style = "B", zero.policy = TRUE))  # Gi*
//	localG(x, nb2listw(nb, style = "B", zero.policy = TRUE))                # Gi
func TestNationalAgainstSpdep(t *testing.T) {
	w := nationalWeights(t).RowStandardize()
	ids := w.IDs()
	x := make([]float64, len(ids))
	index := map[string]int{}
	for i, id := range ids {
		p, r, _ := strings.Cut(id, ".")
		pv, _ := strconv.Atoi(p)
		rv, _ := strconv.Atoi(r)
		x[i] = float64(pv) + float64(rv%7)
		index[id] = i
	}
	m, _ := Moran(x, w)
	relClose(t, "I", m.I, 0.929670700359865, 1e-9)
	relClose(t, "EI", m.EI, -0.0020746887966805, 1e-9)
	relClose(t, "VarRand", m.VarRand, 0.00126909342463944, 1e-9)
	relClose(t, "VarNorm", m.VarNorm, 0.00126581953387422, 1e-9)
	relClose(t, "ZRand", m.ZRand, 26.1547429002115, 1e-9)
	relClose(t, "ZNorm", m.ZNorm, 26.1885441151341, 1e-9)
	relClose(t, "PRand", m.PRand, 4.35199926521647e-151, 1e-6)
	relClose(t, "PNorm", m.PNorm, 1.79447808066766e-151, 1e-6)

	lisa, _ := LocalMoran(x, w, 9, 1)
	gs, _ := GetisOrd(x, w, true)
	g, _ := GetisOrd(x, w, false)
	for _, c := range []struct {
		id         string
		ii, gs, gi float64
	}{
		{"11.01", 1.66586745055312, -3.0828096269909, -2.77511823939913},
		{"11.02", 1.58096216529672, -3.24358867060839, -2.96925863528331},
		{"11.03", 1.61537692979622, -3.37078499149945, -3.12139901632379},
		{"16.02", 1.19559228218705, -3.04183319504118, -2.82624835744175},
		{"53.08", 0.0439868105260971, 0.36397377757546, 0.29719552199233},
		{"96.71", 3.26945962375869, 2.55962703810002, 1.81572143769585},
	} {
		i := index[c.id]
		relClose(t, c.id+" Ii", lisa[i].Ii, c.ii, 1e-9)
		relClose(t, c.id+" Gi*", gs[i].Z, c.gs, 1e-9)
		relClose(t, c.id+" Gi", g[i].Z, c.gi, 1e-9)
	}
}
