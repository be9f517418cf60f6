package geo

import (
	"encoding/csv"
	"errors"
	"strings"
)

// Go's decoders describe a syntax error in English ("invalid character
// 'x' after object key"). These turn the descriptions they use into Texts
// so that a user interface can say the same in the user's language; a
// description not listed keeps Go's English words inside the message.

// jsonContexts maps the end of encoding/json's "invalid character 'c' ..."
// message to what it means for the person fixing the file.
var jsonContexts = []struct {
	goText string
	text   Text
}{
	{"looking for beginning of value", text("geo.parse.json_at.value", "where a value should begin")},
	{"looking for beginning of object key string", text("geo.parse.json_at.key", "where a member name in double quotes should begin")},
	{"after object key", text("geo.parse.json_at.after_key", "after a member name, where a colon (:) should follow")},
	{"after object key:value pair", text("geo.parse.json_at.after_member", "after a member, where a comma (,) or } should follow")},
	{"after array element", text("geo.parse.json_at.after_element", "after an array element, where a comma (,) or ] should follow")},
	{"in string literal", text("geo.parse.json_at.string", "inside a string (a line break or tab there must be written as \\n or \\t)")},
	{"in string escape code", text("geo.parse.json_at.escape", "after a backslash (\\), where an escape such as \\n or \\\" should follow")},
	{`in \u hexadecimal character escape`, text("geo.parse.json_at.hex", `in a \u escape, where four hexadecimal digits should follow`)},
	{"in numeric literal", text("geo.parse.json_at.number", "inside a number")},
	{"after decimal point in numeric literal", text("geo.parse.json_at.number", "inside a number")},
	{"in exponent of numeric literal", text("geo.parse.json_at.number", "inside a number")},
	{"after top-level value", text("geo.parse.json_at.end", "after the end of the document")},
}

// jsonSyntaxText describes encoding/json's syntax error message msg.
func jsonSyntaxText(msg string) Text {
	rest, ok := strings.CutPrefix(msg, "invalid character ")
	if ok {
		// The character is quoted: 'x', '\'', '\n'; the context follows it.
		if end := strings.Index(rest[min(len(rest), 2):], "' "); len(rest) > 2 && rest[0] == '\'' && end >= 0 {
			char, context := rest[:end+3], rest[end+4:]
			if strings.HasPrefix(context, "in literal ") { // in literal true (expecting 'r')
				return text("geo.parse.json_char", "invalid JSON: unexpected character %s %s", char,
					text("geo.parse.json_at.literal", "inside true, false or null"))
			}
			for _, c := range jsonContexts {
				if context == c.goText {
					return text("geo.parse.json_char", "invalid JSON: unexpected character %s %s", char, c.text)
				}
			}
		}
	}
	return text("geo.parse.json_syntax", "invalid JSON: %s", msg)
}

// csvSyntaxText describes encoding/csv's error err.
func csvSyntaxText(err error) Text {
	switch {
	case errors.Is(err, csv.ErrBareQuote):
		return text("geo.parse.csv_bare_quote", `invalid CSV: a double quote (") inside a field that does not start with one; enclose the whole field in double quotes and double the quote inside it ("")`)
	case errors.Is(err, csv.ErrQuote):
		return text("geo.parse.csv_quote", `invalid CSV: a field that starts with a double quote (") is not closed by one, or has a single quote inside it where "" is needed`)
	}
	return text("geo.parse.csv_syntax", "invalid CSV: %s", err.Error())
}
