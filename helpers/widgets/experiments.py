"""Explorer of notebook 08: choose T, the hidden size and the seed, press Run, and watch a short training of an
LSTM and an RNN side by side."""

from __future__ import annotations

import html

import ipywidgets as W

from helpers.display import StaticFigure, static_mode
from helpers.experiments import Job, run_jobs
from helpers.plots.experiments import draw_training_explorer, update_training_explorer
from helpers.widgets._explorer import Explorer

ALT = {
    "en": "Training MSE against iterations (log scale) of an LSTM and a tanh RNN on the adding problem, with the "
          "baseline 0.167 (predicting the mean) and the threshold 0.01 as horizontal lines; the title says after "
          "how many iterations each model went below the threshold, or that it did not within the run.",
    "ja": "加算問題での LSTM と tanh の RNN の学習時の MSE を反復回数に対して描いたグラフ（縦軸は対数目盛り）。"
          "ベースライン 0.167（平均を予測した場合）と閾値 0.01 を水平線で示し、"
          "タイトルにはそれぞれのモデルが何回目で閾値を下回ったか、"
          "または実行の範囲内では下回らなかったことを示す。",
}

TEXT = {
    "en": {"run": "Run", "running": "training… (the progress bar counts the iterations of both models)",
           "iterations": "iterations", "seed": "seed"},
    "ja": {"run": "実行", "running": "学習中…（進捗バーは両モデルの反復回数の合計）", "iterations": "反復回数",
           "seed": "シード"},
}


def train_pair(T: int, H: int, seed: int, iterations: int, progress: bool = True) -> list:
    """Train an LSTM and a tanh RNN on the adding problem with the same settings (two worker processes).

    Parameters
    ----------
    T, H, seed, iterations : int
        As in :class:`helpers.experiments.Job`; everything else keeps Job's defaults.
    progress : bool

    Returns
    -------
    results : list of Result
        [LSTM, RNN].
    """
    jobs = [Job(model=m, T=T, H=H, seed=seed, iterations=iterations) for m in ("lstm", "rnn")]
    return run_jobs(jobs, progress=progress, desc=f"T={T}, H={H}, seed {seed}")


class TrainingExplorer:
    """Sliders that choose a short training run, a Run button, a progress bar, and the figure of the last run.

    Unlike a plain :class:`~helpers.widgets.Explorer`, moving a slider changes nothing until Run is pressed: a
    rerun trains two models for some seconds, so it waits until the learner has chosen. The figure itself is
    redrawn by an Explorer (blitting the moved curves).

    Parameters
    ----------
    results : list of Result
        The run shown first ([LSTM, RNN], as :func:`train_pair` returns).
    controls : dict of name -> ipywidgets value widget
        Keyword arguments of `run`.
    run : callable
        ``run(**values) -> results``; shows its own progress bar.
    lang : {"en", "ja"}
    """

    def __init__(self, results, controls: dict, run, lang: str = "en"):
        self.results = results
        self.controls = dict(controls)
        self.run = run
        self.lang = lang
        fig = draw_training_explorer(results, lang)
        self._view = Explorer(fig, self._update, {}, ALT[lang], fixed={"lang": lang})
        self.figure, self.image, self.alt = fig, self._view.image, ALT[lang]
        self.button = W.Button(description=TEXT[lang]["run"], button_style="primary", icon="play")
        self.button.on_click(lambda _: self.rerun())
        self.output = W.Output()  # the progress bar of a rerun appears here
        self.status = W.HTML()
        self.widget = W.VBox([W.HBox(list(self.controls.values()) + [self.button],
                                     layout=W.Layout(flex_flow="row wrap")),
                              self.output, self.status, self._view.error, self.image])

    @property
    def last_redraw_seconds(self):
        """Seconds of the last figure update (not of the training)."""
        return self._view.last_redraw_seconds

    def values(self) -> dict:
        return {name: control.value for name, control in self.controls.items()}

    def _update(self, fig, lang):
        if self.results[0].job.iterations != int(round(fig.axes[0].get_xlim()[1])):
            fig.axes[0].set_xlim(0, self.results[0].job.iterations)
            update_training_explorer(fig, self.results, lang)
            return fig  # the axis changed: draw everything again
        return update_training_explorer(fig, self.results, lang)

    def show(self, results) -> bytes:
        """Draw `results` (no training); returns the new PNG."""
        self.results = results
        return self._view.redraw()

    def rerun(self) -> None:
        """Train with the current control values and show the result."""
        self.button.disabled = True
        self.status.value = f"<span style='color:#555'>{html.escape(TEXT[self.lang]['running'])}</span>"
        try:
            with self.output:
                self.output.clear_output(wait=True)
                results = self.run(**self.values())
            self.status.value = ""
            self.show(results)
        except ValueError as exc:  # settings the model refuses: say so, keep the old figure
            self.status.value = f"<span style='color:#b00'>{html.escape(str(exc))}</span>"
        finally:
            self.button.disabled = False

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.widget._repr_mimebundle_(include=include, exclude=exclude)


def training_explorer(lang: str = "en", results=None, T: int = 100, H: int = 32, seed: int = 1,
                      iterations: int = 700):
    """Sliders for T, the hidden size and the seed, a Run button, and the learning curves of both models.

    Parameters
    ----------
    lang : {"en", "ja"}
    results : list of Result, optional
        A finished [LSTM, RNN] run to show first (the notebook passes its own, so nothing trains at start);
        default: train one with the other arguments.
    T, H, seed, iterations : int
        The sliders' starting values (taken from `results` when given).

    Returns
    -------
    TrainingExplorer or StaticFigure
        The static figure (LECTURE_STATIC=1) shows the first run.
    """
    if results is None:
        results = train_pair(T, H, seed, iterations)
    job = results[0].job
    if static_mode():
        return StaticFigure(draw_training_explorer(results, lang), ALT[lang])
    style = {"description_width": "initial"}
    controls = {
        "T": W.IntSlider(value=job.T, min=10, max=150, step=10, description="T", continuous_update=False),
        "H": W.IntSlider(value=job.H, min=8, max=64, step=8, description="H", continuous_update=False),
        "seed": W.IntSlider(value=job.seed, min=0, max=9, description=TEXT[lang]["seed"],
                            continuous_update=False),
        "iterations": W.Dropdown(options=sorted({300, 700, 1500, job.iterations}), value=job.iterations,
                                 description=TEXT[lang]["iterations"], style=style,
                                 layout=W.Layout(width="180px")),
    }
    return TrainingExplorer(results, controls, train_pair, lang)
