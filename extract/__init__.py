"""extract: Chinese policy and economic news → a versioned dataset of codes,
money, dates and targets. `python -m extract build` is `extract.release.build_release`."""

__version__ = "0.1.0"
