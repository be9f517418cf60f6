package web

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/jalin-ksd/jalin"
	"github.com/jalin-ksd/jalin/i18n"
	"github.com/jalin-ksd/jalin/sqlstore"
	"github.com/jalin-ksd/jalin/workday"
)

// exportMaxRows bounds one export; a larger selection is narrowed with the
// list's filters.
const exportMaxRows = 10000

// exportPage is how many rows are read from the store per query.
const exportPage = 500

// exportColumns name the export's columns; the header row gives their
// names in the user's language (export.col.*), as kinds and stages are.
var exportColumns = []string{"id", "title", "kind", "stage", "parties", "urusan", "sector", "start", "end", "value"}

// coopExport downloads the cooperations the list would show (same filters,
// same scope), all pages up to exportMaxRows, as CSV or XLSX.
func (s *Server) coopExport(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	format := q.Get("format")
	if format == "" {
		format = "csv"
	}
	if format != "csv" && format != "xlsx" {
		s.fail(w, r, jalin.Invalid("format", "coopapi.param_format", format))
		return
	}
	f, err := s.parseCoopFilter(q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rows, err := s.exportRows(r, f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var body []byte
	ctype := "text/csv; charset=utf-8"
	lang := info(r).Lang
	if format == "csv" {
		body, err = s.exportCSV(lang, rows)
	} else {
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		body, err = s.exportXLSX(lang, rows)
	}
	if err != nil {
		s.fail(w, r, jalin.Wrap(err, "error.internal"))
		return
	}
	name := "jalin-kerja-sama-" + workday.DateOf(s.now()).String() + "." + format
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Header().Set("Cache-Control", "private, no-store")
	_, _ = w.Write(body)
}

// exportRows reads every matching cooperation in the caller's scope, page
// by page, up to exportMaxRows.
func (s *Server) exportRows(r *http.Request, f sqlstore.CoopFilter) ([]sqlstore.CoopSummary, error) {
	var out []sqlstore.CoopSummary
	f.Limit, f.Offset = exportPage, 0
	for len(out) < exportMaxRows {
		items, total, err := s.Coops.ListCooperations(r.Context(), info(r).Actor.Scope(), f)
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
		f.Offset += len(items)
		if len(items) == 0 || f.Offset >= total {
			break
		}
	}
	if len(out) > exportMaxRows {
		out = out[:exportMaxRows]
	}
	return out, nil
}

// safeCell defuses a text cell that a spreadsheet would read as a formula
// (CSV injection): one starting with = + - @ or a control character gets
// a leading single quote.
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r\n", rune(s[0])) {
		return "'" + s
	}
	return s
}

func (s *Server) partyNames(c sqlstore.CoopSummary) string {
	names := make([]string, len(c.Parties))
	for i, p := range c.Parties {
		names[i] = s.partyName(p.Kind, p.Region, p.Name)
	}
	return strings.Join(names, "; ")
}

func dateText(d workday.Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

// exportHeader is the header row in lang.
func (s *Server) exportHeader(lang i18n.Lang) []string {
	h := make([]string, len(exportColumns))
	for i, c := range exportColumns {
		h[i] = s.Catalog.T(lang, "export.col."+c)
	}
	return h
}

func (s *Server) exportCSV(lang i18n.Lang, rows []sqlstore.CoopSummary) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF") // Excel reads UTF-8 only with the byte-order mark
	cw := csv.NewWriter(&buf)
	cw.UseCRLF = true
	if err := cw.Write(s.exportHeader(lang)); err != nil {
		return nil, err
	}
	for _, c := range rows {
		rec := []string{strconv.FormatInt(c.ID, 10), safeCell(c.Title), s.Catalog.T(lang, "coop.kind."+string(c.Kind)), s.Catalog.T(lang, "coop.stage."+string(c.Stage)),
			safeCell(s.partyNames(c)), safeCell(strings.Join(c.Urusan, "; ")), safeCell(c.Sector),
			dateText(c.StartDate), dateText(c.EndDate), strconv.FormatInt(c.ValueIDR, 10)}
		if err := cw.Write(rec); err != nil {
			return nil, err
		}
	}
	cw.Flush()
	return buf.Bytes(), cw.Error()
}

func (s *Server) exportXLSX(lang i18n.Lang, rows []sqlstore.CoopSummary) ([]byte, error) {
	x := excelize.NewFile()
	defer x.Close()
	sheet := s.Catalog.T(lang, "export.sheet")
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	dateFmt, money := "yyyy-mm-dd", "#,##0"
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	dateStyle, err := x.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return nil, err
	}
	moneyStyle, err := x.NewStyle(&excelize.Style{CustomNumFmt: &money})
	if err != nil {
		return nil, err
	}
	sw, err := x.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	for i, width := range []float64{8, 50, 14, 18, 40, 20, 8, 12, 12, 18} {
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return nil, err
		}
	}
	header := make([]any, len(exportColumns))
	for i, h := range s.exportHeader(lang) {
		header[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return nil, err
	}
	date := func(d workday.Date) any {
		if d.IsZero() {
			return nil
		}
		return excelize.Cell{StyleID: dateStyle, Value: time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC)}
	}
	for i, c := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		row := []any{c.ID, safeCell(c.Title), s.Catalog.T(lang, "coop.kind."+string(c.Kind)), s.Catalog.T(lang, "coop.stage."+string(c.Stage)), safeCell(s.partyNames(c)),
			safeCell(strings.Join(c.Urusan, "; ")), safeCell(c.Sector), date(c.StartDate), date(c.EndDate),
			excelize.Cell{StyleID: moneyStyle, Value: c.ValueIDR}}
		if err := sw.SetRow(cell, row); err != nil {
			return nil, err
		}
	}
	if err := sw.Flush(); err != nil {
		return nil, err
	}
	buf, err := x.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
