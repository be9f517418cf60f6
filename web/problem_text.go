package web

import (
	"fmt"

	"github.com/jalin-ksd/jalin/cooperation"
	"github.com/jalin-ksd/jalin/i18n"
	"github.com/jalin-ksd/jalin/region"
)

// The domain names things in its messages by code (a step, a stage, a
// document type, a region); a person reads names. problemArgs says, per
// message key, what each argument is, so that it is shown by its name in
// the reader's language. An argument not listed, or a code without a
// name, is shown as it is.
//
// An argument kind is the catalogue prefix its names live under
// ("coop.step." + code), or one of the kinds named from elsewhere below.
type argSort string

const (
	argAsIs      argSort = ""
	argStep      argSort = "coop.step."
	argStage     argSort = "coop.stage."
	argKind      argSort = "coop.kind."
	argWho       argSort = "coop.who."
	argEndReason argSort = "coop.end."
	argParam     argSort = "coop.param."
	argForum     argSort = "coopf.forum_"
	argRole      argSort = "role."
	argDoc       argSort = "doc"    // cooperation.DocType's own labels
	argRegion    argSort = "region" // the region reference
	argField     argSort = "field"  // a form field's label: coop.* or coopf.*
)

var problemArgs = map[string][]argSort{
	"coop.actor_not_allowed":           {argStep, argWho},
	"coop.calendar_missing":            {argParam},
	"coop.doc_missing_final":           {argDoc},
	"coop.doc_missing":                 {argDoc},
	"coop.party_already_done":          {argStep},
	"coop.transition_unknown":          {argStep, argKind},
	"coop.wrong_stage":                 {argStep, argStage},
	"coop.param_missing":               {argParam},
	"coop.v01_kind_unknown":            {argKind},
	"coop.v01_parties_mismatch":        {argKind},
	"coop.v02_not_bordering":           {argRegion, argRegion},
	"coop.v05_not_authority":           {argAsIs, argRegion},
	"coop.v07_coordination_level":      {argForum, argForum},
	"coop.v07_coordination_missing":    {argForum},
	"coop.v07_region_not_mapped":       {argAsIs, argRegion},
	"coop.v10_kuasa_not_allowed":       {argStep},
	"coop.v18_reason_invalid":          {argEndReason},
	"coop.tkksd_consideration_missing": {argRegion},
	"coop.field_invalid":               {argField},
	// Stored notifications name things by code too (see view.Notice).
	"notification.coop_event":                {argAsIs, argStep, argRegion},
	"notification.coop_event_by_role":        {argAsIs, argStep, argRole},
	"notification.coop_event_reason":         {argAsIs, argStep, argRegion, argAsIs},
	"notification.coop_event_by_role_reason": {argAsIs, argStep, argRole, argAsIs},
}

// docLabel is a document type's name in lang.
func docLabel(t cooperation.DocType, lang i18n.Lang) string {
	l := t.Label()
	if lang == i18n.EN {
		return l.EN
	}
	return l.ID
}

// localArgs returns args with the codes problemArgs lists for key replaced
// by their names in lang.
func localArgs(cat *i18n.Catalog, dir *region.Directory, lang i18n.Lang, key string, args []any) []any {
	sorts, ok := problemArgs[key]
	if !ok || len(args) == 0 {
		return args
	}
	out := make([]any, len(args))
	copy(out, args)
	label := func(prefix, code string) (string, bool) {
		if !cat.Has(prefix + code) {
			return "", false
		}
		return cat.T(lang, prefix+code), true
	}
	for i, a := range args[:min(len(args), len(sorts))] {
		code := fmt.Sprint(a)
		var name string
		var found bool
		switch sorts[i] {
		case argAsIs:
		case argField:
			if name, found = label("coop.", code); !found {
				name, found = label("coopf.", code)
			}
		case argDoc:
			name = docLabel(cooperation.DocType(code), lang)
			found = name != ""
		case argRegion:
			if dir != nil {
				if r, ok := dir.Get(code); ok {
					name, found = r.Name, true
				}
			}
		default:
			name, found = label(string(sorts[i]), code)
		}
		if found {
			out[i] = name
		}
	}
	return out
}
