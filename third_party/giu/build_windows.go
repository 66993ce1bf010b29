//go:build windows
// +build windows

package giu

// #cgo LDFLAGS: -static
import "C"
