package web

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"

	"github.com/jalin-ksd/jalin"
)

// writeCSVDownload sends header and rows as a CSV attachment; every cell
// goes through safeCell so no spreadsheet reads it as a formula.
func (s *Server) writeCSVDownload(w http.ResponseWriter, r *http.Request, name string, header []string, rows [][]string) {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	err := cw.Write(header)
	for _, row := range rows {
		if err != nil {
			break
		}
		for i := range row {
			row[i] = safeCell(row[i])
		}
		err = cw.Write(row)
	}
	if cw.Flush(); err == nil {
		err = cw.Error()
	}
	if err != nil {
		s.fail(w, r, jalin.Wrap(err, "error.internal"))
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	_, _ = w.Write(buf.Bytes())
}

func float6(v float64) string { return strconv.FormatFloat(v, 'f', 6, 64) }

// clustersExport downloads the selected clusters, one row per cluster.
func (o *opportunity) clustersExport(w http.ResponseWriter, r *http.Request) {
	_, cd, cs, err := o.filteredClusters(r)
	if err != nil {
		o.s.fail(w, r, err)
		return
	}
	header := []string{"id", "year", "sector", "basis", "members", "member_codes", "member_names", "provinces", "cross_border", "grdp", "missing_grdp", "mean_lq"}
	rows := make([][]string, 0, len(cs))
	for _, c := range cs {
		names := make([]string, len(c.Members))
		for i, m := range c.Members {
			names[i] = o.ref(m).Name
		}
		rows = append(rows, []string{c.ID(), strconv.Itoa(cd.Year), c.Sector, string(c.Basis), strconv.Itoa(len(c.Members)),
			strings.Join(c.Members, " "), strings.Join(names, "; "), strings.Join(c.Provinces, " "),
			strconv.FormatBool(c.CrossBorder()), float6(c.GRDP), strconv.Itoa(c.MissingGRDP), float6(c.MeanLQ)})
	}
	o.s.writeCSVDownload(w, r, "jalin-klaster-potensial.csv", header, rows)
}

// networkExport downloads the network, one row per cooperation on a link,
// then one row per isolated regency (state "none").
func (o *opportunity) networkExport(w http.ResponseWriter, r *http.Request) {
	_, n, err := o.filteredNetwork(r)
	if err != nil {
		o.s.fail(w, r, err)
		return
	}
	header := []string{"a", "a_name", "b", "b_name", "link_state", "cooperation_id", "title", "kind", "state", "urusan", "sector"}
	var rows [][]string
	for _, l := range n.Links {
		for _, c := range l.Coops {
			rows = append(rows, []string{l.A, o.ref(l.A).Name, l.B, o.ref(l.B).Name, string(l.State), strconv.FormatInt(c.ID, 10),
				c.Title, c.Kind, string(c.State), strings.Join(c.Urusan, " "), c.Sector})
		}
	}
	for _, c := range n.Isolated {
		rows = append(rows, []string{c, o.ref(c).Name, "", "", "none", "", "", "", "", "", ""})
	}
	o.s.writeCSVDownload(w, r, "jalin-jaringan-kerja-sama.csv", header, rows)
}
