package sqlstore

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/workday"
)

// TestDecodeCoopAsStdlib checks that decodeCoop, on the JSON v2 decoder,
// reads stored cooperations exactly as encoding/json reads them: a
// cooperation with every field set (every pointer allocated, every slice
// with two elements, strings with quotes, markup and non-ASCII letters),
// one with nothing set, and the stored forms of older rows (null slices,
// empty dates).
func TestDecodeCoopAsStdlib(t *testing.T) {
	var full cooperation.Cooperation
	n := 0
	fill(reflect.ValueOf(&full).Elem(), &n)
	if full.Mapping == nil || len(full.Parties) != 2 || full.Parties[1].Name == "" || full.EndDate.IsZero() {
		t.Fatalf("fill left fields unset: %+v", full)
	}
	for name, data := range map[string]string{
		"full":  mustEncode(t, full),
		"empty": mustEncode(t, cooperation.Cooperation{}),
		"stored": `{"ID":7,"Title":"Kerja Sama \u003cAir\u003e \"Bersih\" Sungai Citarum é","Kind":"ksdd_wajib",` +
			`"Parties":[{"Kind":"region","Region":"32.73","AnsweredAt":"0001-01-01T00:00:00Z","DPRDDecision":{"Ref":"","Date":""},"KB":null}],` +
			`"Urusan":null,"StartDate":"","EndDate":"2030-12-31","Mapping":null,"Ending":null,"UnknownLater":1}`,
	} {
		var want cooperation.Cooperation
		if err := json.Unmarshal([]byte(data), &want); err != nil {
			t.Fatalf("%s: encoding/json: %v", name, err)
		}
		got, err := decodeCoop(data)
		if err != nil {
			t.Fatalf("%s: decodeCoop: %v", name, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: decodeCoop differs from encoding/json:\n got %+v\nwant %+v", name, got, want)
		}
	}
	if _, err := decodeCoop(`{"Title":`); err == nil {
		t.Error("truncated JSON decoded without an error")
	}
}

func mustEncode(t *testing.T, c cooperation.Cooperation) string {
	t.Helper()
	s, err := encodeCoop(c)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// fill sets every settable field of v to a value that differs from the
// others, counting with n.
func fill(v reflect.Value, n *int) {
	*n++
	switch x := v.Addr().Interface().(type) {
	case *workday.Date:
		*x = workday.NewDate(2020+*n%10, time.Month(1+*n%12), 1+*n%28)
		return
	case *time.Time:
		*x = time.Date(2024, 5, 6, 7, 8, 9, *n*1000, time.UTC)
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf(`f%d "kutip" <b>&é`, *n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(*n))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(*n))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(*n) + 0.25)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), n)
		}
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		for range 2 {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(k, n)
			fill(e, n)
			v.SetMapIndex(k, e)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), n)
			}
		}
	default:
		panic("fill: " + v.Type().String())
	}
}
