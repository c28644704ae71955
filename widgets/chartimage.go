package widgets

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/png"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/theme"
)

// RenderImage draws obj (a chart, or any canvas object) without a window,
// with Fyne's software painter: size is in Fyne units and the image is
// size × scale pixels (scale 3 gives print resolution), or larger when obj
// needs more than size. The drawing code is the one used on screen, so
// screen and paper never disagree.
//
// th themes the drawing (nil: the app's theme); PrintTheme gives the app's
// theme in its light variant, right for paper. obj must not be shown in a
// window at the same time: build a fresh chart for the image. Call it on
// the Fyne goroutine (fyne.Do) like any other UI work.
func RenderImage(obj fyne.CanvasObject, size fyne.Size, scale float32, th fyne.Theme) image.Image {
	if th == nil {
		th = theme.Current()
	}
	bg := canvas.NewRectangle(th.Color(theme.ColorNameBackground, fyne.CurrentApp().Settings().ThemeVariant()))
	c := software.NewTransparentCanvas()
	c.SetPadded(false)
	c.SetScale(scale)
	c.Resize(size)
	c.SetContent(container.NewThemeOverride(container.NewStack(bg, obj), th))
	return c.Capture()
}

// RenderPNG is RenderImage encoded as PNG.
func RenderPNG(obj fyne.CanvasObject, size fyne.Size, scale float32, th fyne.Theme) ([]byte, error) {
	if size.Width <= 0 || size.Height <= 0 || scale <= 0 {
		return nil, errors.New("widgets: RenderPNG needs a positive size and scale")
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, RenderImage(obj, size, scale, th)); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// PrintTheme returns the app's current theme forced to its light variant,
// for images meant for paper whatever the screen's variant.
func PrintTheme() fyne.Theme { return lightVariant{theme.Current()} }

type lightVariant struct{ fyne.Theme }

func (t lightVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, theme.VariantLight)
}
