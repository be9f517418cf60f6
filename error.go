// Package jalin holds the vocabulary shared by every part of Jalin: the
// application error type. Domain packages (region, geo, ...) own their
// rules; adapters (sqlstore, web, cmd/jalin) translate around them.
package jalin

import (
	"errors"
	"fmt"
)

// Code classifies an error for the adapters. The HTTP layer maps each code to
// one status in one place; the CLI maps it to an exit code.
type Code string

const (
	EInvalid      Code = "invalid"      // the input is wrong; the message names the field
	EUnauthorized Code = "unauthorized" // who you are is unknown
	EForbidden    Code = "forbidden"    // you are known but may not do this
	ENotFound     Code = "not_found"    // it does not exist, or you may not know it exists
	EConflict     Code = "conflict"     // it exists already or was changed meanwhile
	EPrecondition Code = "precondition" // a stated version no longer holds
	ETooLarge     Code = "too_large"    // the body or file is over the limit
	EUnavailable  Code = "unavailable"  // a dependency (the database) is down
	EInternal     Code = "internal"     // anything else: logged, never shown in detail
)

func (c Code) String() string { return string(c) }

// Error is the one error type of the application. Msg is a message-catalog
// key (see package i18n) so every adapter can show it in the user's language;
// Args fill its placeholders. Field names the input at fault, if any. Err is
// the internal cause, logged but never shown to users.
type Error struct {
	Code  Code
	Msg   string
	Args  []any
	Field string
	Err   error
}

func (e *Error) Error() string {
	s := string(e.Code) + ": " + e.Msg
	if e.Field != "" {
		s += " (" + e.Field + ")"
	}
	if len(e.Args) > 0 {
		s += fmt.Sprint(e.Args)
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code, message key and arguments.
func Errorf(code Code, msg string, args ...any) *Error {
	return &Error{Code: code, Msg: msg, Args: args}
}

// Invalid returns an EInvalid error naming the field at fault.
func Invalid(field, msg string, args ...any) *Error {
	return &Error{Code: EInvalid, Msg: msg, Args: args, Field: field}
}

// Wrap returns an EInternal error around cause, or nil if cause is nil.
func Wrap(cause error, msg string) error {
	if cause == nil {
		return nil
	}
	var e *Error
	if errors.As(cause, &e) {
		return cause
	}
	return &Error{Code: EInternal, Msg: msg, Err: cause}
}

// ErrorCode returns the code of err: the code of the first *Error in its
// chain, or EInternal for any other error, or "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrNotFound is the sentinel for "no such object"; stores wrap it so that
// callers can test with errors.Is instead of a nil result.
var ErrNotFound = &Error{Code: ENotFound, Msg: "error.not_found"}
