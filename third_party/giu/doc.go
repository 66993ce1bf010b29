// Package giu - A rapid cross-platform GUI framework for Go based on Dear ImGui
// and the great Go binding imgui-go.
//
// for details and usage see README of the project.
package giu
