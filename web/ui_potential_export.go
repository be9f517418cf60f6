package web

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/jalin-ksd/jalin"
)

var potentialExportHeader = []string{"code", "name", "province_code", "sector", "year", "lq", "lq_class", "lisa", "lisa_p", "gi_class"}

// potentialExport downloads a sector's regency table as CSV or XLSX.
func (p *potential) potentialExport(w http.ResponseWriter, r *http.Request) {
	s := p.s
	format := r.URL.Query().Get("format")
	if format == "" {
		format = "csv"
	}
	if format != "csv" && format != "xlsx" {
		s.fail(w, r, jalin.Invalid("format", "coopapi.param_format", format))
		return
	}
	_, sp, err := p.sectorFor(r, r.URL.Query().Get("sector"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rows := make([][]any, 0, len(sp.Codes)+len(sp.Missing))
	for _, it := range p.items(sp) {
		row := []any{it.Code, safeCell(it.Name), it.Province, sp.Sector, sp.Year, nil, nil, it.Lisa, nil, it.GiClass}
		if it.LQ != nil {
			row[5], row[6] = *it.LQ, it.LQClass
		}
		if it.LisaP != nil {
			row[8] = *it.LisaP
		}
		rows = append(rows, row)
	}
	var body []byte
	ctype := "text/csv; charset=utf-8"
	if format == "csv" {
		body, err = potentialCSV(rows)
	} else {
		ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		body, err = potentialXLSX(rows)
	}
	if err != nil {
		s.fail(w, r, jalin.Wrap(err, "error.internal"))
		return
	}
	name := "jalin-potensi-" + sp.Sector + "-" + strconv.Itoa(sp.Year) + "." + format
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	_, _ = w.Write(body)
}

func potentialCSV(rows [][]any) ([]byte, error) {
	var buf bytes.Buffer
	cw := csv.NewWriter(&buf)
	if err := cw.Write(potentialExportHeader); err != nil {
		return nil, err
	}
	rec := make([]string, len(potentialExportHeader))
	for _, row := range rows {
		for i, v := range row {
			switch x := v.(type) {
			case nil:
				rec[i] = ""
			case float64:
				rec[i] = strconv.FormatFloat(x, 'f', 6, 64)
			case int:
				rec[i] = strconv.Itoa(x)
			case string:
				rec[i] = safeCell(x)
			}
		}
		if err := cw.Write(rec); err != nil {
			return nil, err
		}
	}
	cw.Flush()
	return buf.Bytes(), cw.Error()
}

func potentialXLSX(rows [][]any) ([]byte, error) {
	x := excelize.NewFile()
	defer x.Close()
	const sheet = "Potensi"
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	sw, err := x.NewStreamWriter(sheet)
	if err != nil {
		return nil, err
	}
	if err := sw.SetColWidth(2, 2, 36); err != nil {
		return nil, err
	}
	header := make([]any, len(potentialExportHeader))
	for i, h := range potentialExportHeader {
		header[i] = excelize.Cell{StyleID: bold, Value: h}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return nil, err
	}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
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
