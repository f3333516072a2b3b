"""TensorFlow Playground's four 2-D datasets: circle, XOR, two Gaussians, spiral (numpy only).

Generated as Playground generates them (its dataset.ts), 500 points by default:
- circle: positives uniform in radius [0, 2.5], negatives in [3.5, 5] about the origin; noise
  moves each point's label test by uniform(-5, 5) * noise;
- xor: x1, x2 uniform in [-5, 5] pushed 0.3 away from the axes; y = [x1 x2 >= 0] after noise
  uniform(-5, 5) * noise on each coordinate;
- gaussian: two Gaussian blobs at (2, 2) (y = 1) and (-2, -2) (y = 0), variance 0.5 + 7 * noise
  (0.5 at 0 % noise, 4 at 50 %);
- spiral: two arms r = 5 i/n, t = 3.5 pi i/n (+ pi for the second), plus uniform(-1, 1) * noise.
noise is a share in [0, 0.5] (the window's 0-50 %), ratio the training share in [0.1, 0.9] (the
rest is the test set, split at random, so both halves keep about the same class balance), seed
the generator's seed (numpy default_rng). class_names ("orange", "blue") as Playground colours
them (y = 0 orange, y = 1 blue: the window's theme.NEGATIVE / POSITIVE).

Input features, chosen like Playground's toggles, are computed from the points (x1, x2):
x1, x2, x1², x2², x1·x2, sin x1, sin x2 (FEATURES); X (n_features, m) holds the chosen ones in
that order. A PlanarDataset keeps the points (points, points_test: (2, m)) and its PlanarSpec, so
views can draw the plane and map any point of it to the network's input (PlanarSpec.features_of).

Specs as text, for load_dataset and `nnviz train --dataset`: "spiral" (the dataset's defaults) or
"spiral:noise=20,ratio=60,seed=3,features=x1+x2+sin1+sin2" (any of the keys, any order).
DEFAULTS per dataset: the network settings and features that reach test accuracy >= 0.95
(circle, xor, gaussian) and >= 0.90 (spiral) within 2000 iterations at 0 % noise, ratio 50 %,
seed 1 (tests/data/test_planar.py checks it).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from nnviz.data.dataset import Dataset
from nnviz.data.errors import DataError
from nnviz.data.playground import generate

PLANAR: dict[str, str] = {
    "circle": "Playground's circle: 500 2-D points, one class inside a ring of the other",
    "xor": "Playground's XOR: 500 2-D points, the class is the sign of x1·x2",
    "gaussian": "Playground's two Gaussians: 500 2-D points in two blobs",
    "spiral": "Playground's spiral: 500 2-D points on two interleaved arms",
}
DRAWN = "drawn"  # points drawn by hand or read from a CSV file (nnviz.data.drawn)
# key, label (as the canvas and the toggles write it)
FEATURES: tuple[tuple[str, str], ...] = (
    ("x1", "x₁"),
    ("x2", "x₂"),
    ("x1sq", "x₁²"),
    ("x2sq", "x₂²"),
    ("x1x2", "x₁x₂"),
    ("sin1", "sin x₁"),
    ("sin2", "sin x₂"),
)
FEATURE_KEYS = tuple(k for k, _ in FEATURES)
LABELS = dict(FEATURES)
EXTENT = 6.0  # the plane shown: [-EXTENT, EXTENT] in x1 and x2 (Playground's)
N_POINTS = 500
NOISE_MAX, RATIO_RANGE = 0.5, (0.1, 0.9)


@dataclass(frozen=True)
class Defaults:
    """The network settings a dataset starts with (TrainConfig fields) and its features."""

    hidden_layers: tuple[int, ...]
    activation: str
    lr: float
    features: tuple[str, ...]


DEFAULTS: dict[str, Defaults] = {
    "circle": Defaults((4, 2), "tanh", 0.1, ("x1", "x2")),
    "xor": Defaults((4, 2), "tanh", 0.1, ("x1", "x2")),
    "gaussian": Defaults((2,), "tanh", 0.1, ("x1", "x2")),
    "spiral": Defaults((8, 8, 8, 8), "tanh", 0.1, ("x1", "x2", "sin1", "sin2")),
}


@dataclass(frozen=True)
class PlanarSpec:
    """Which points: kind (a PLANAR name), noise share [0, 0.5], training share ratio
    [0.1, 0.9], seed, features (FEATURE_KEYS, at least one), n points in all."""

    kind: str
    noise: float = 0.0
    ratio: float = 0.5
    seed: int = 1
    features: tuple[str, ...] = ("x1", "x2")
    n: int = N_POINTS

    def __post_init__(self) -> None:
        if self.kind not in PLANAR and self.kind != DRAWN:
            raise DataError(
                None, f"no 2-D dataset {self.kind!r}; choose one of {', '.join(PLANAR)}"
            )
        if not 0.0 <= self.noise <= NOISE_MAX:
            raise DataError(None, f"noise must be 0 to 50 %, got {100 * self.noise:g} %")
        lo, hi = RATIO_RANGE
        if not lo <= self.ratio <= hi:
            raise DataError(
                None, f"the training share must be 10 to 90 %, got {100 * self.ratio:g} %"
            )
        if self.seed < 0:
            raise DataError(None, f"the seed must be zero or positive, got {self.seed}")
        bad = [f for f in self.features if f not in FEATURE_KEYS]
        if bad or not self.features:
            raise DataError(
                None,
                f"features must be some of {', '.join(FEATURE_KEYS)}, "
                f"got {', '.join(bad) or 'none'}",
            )
        ordered = tuple(k for k in FEATURE_KEYS if k in self.features)  # canonical order
        object.__setattr__(self, "features", ordered)
        if self.n < (2 if self.kind == DRAWN else 10):
            raise DataError(None, f"a 2-D dataset needs at least 10 points, got {self.n}")

    @property
    def labels(self) -> tuple[str, ...]:
        """The chosen features as written on the canvas (x₁, x₁², sin x₁, …)."""
        return tuple(LABELS[k] for k in self.features)

    def features_of(self, points: np.ndarray) -> np.ndarray:
        """(n_features, m) float64: the chosen features of points (2, m)."""
        p = np.asarray(points, np.float64)
        x1, x2 = p[0], p[1]
        make = {
            "x1": lambda: x1,
            "x2": lambda: x2,
            "x1sq": lambda: x1 * x1,
            "x2sq": lambda: x2 * x2,
            "x1x2": lambda: x1 * x2,
            "sin1": lambda: np.sin(x1),
            "sin2": lambda: np.sin(x2),
        }
        return np.stack([make[k]() for k in self.features])

    def text(self) -> str:
        """The spec as load_dataset reads it back."""
        return (
            f"{self.kind}:noise={round(100 * self.noise)},ratio={round(100 * self.ratio)},"
            f"seed={self.seed},features={'+'.join(self.features)}"
        )


@dataclass(frozen=True, eq=False, repr=False)
class PlanarDataset(Dataset):
    """A Dataset of 2-D points: X (n_features, m) are the spec's features of `points` (2, m)."""

    spec: PlanarSpec | None = None
    points: np.ndarray = field(default_factory=lambda: np.zeros((2, 0)))
    points_test: np.ndarray = field(default_factory=lambda: np.zeros((2, 0)))


def make_planar(spec: PlanarSpec) -> PlanarDataset:
    """The dataset `spec` describes (the same spec gives the same points)."""
    if spec.kind == DRAWN:
        raise DataError(None, "drawn points come from drawing them or from a CSV file")
    rng = np.random.default_rng([spec.seed, list(PLANAR).index(spec.kind)])
    p, y = generate(spec.kind, spec.n, spec.noise, rng)
    # named by its kind at the kind's defaults, else by the whole spec (so that what the
    # dataset chooser and saved sessions call it, nnviz.run.examples.dataset_key, reopens it)
    name = spec.kind if spec == default_spec(spec.kind) else spec.text()
    return split_points(spec, p, y, name, spec.text(), rng)


def split_points(
    spec: PlanarSpec, p: np.ndarray, y: np.ndarray, name: str, source: str, rng
) -> PlanarDataset:
    """A PlanarDataset of points p (2, n) with labels y (n,): a random spec.ratio of them for
    training (rng), the rest for testing, X the spec's features."""
    n = p.shape[1]
    order = rng.permutation(n)
    n_train = min(n, max(1, round(spec.ratio * n)))
    tr, te = np.sort(order[:n_train]), np.sort(order[n_train:])
    X, X_test = spec.features_of(p[:, tr]), spec.features_of(p[:, te])
    return PlanarDataset(
        name=name,
        X=X,
        Y=y[tr].reshape(1, -1),
        X_test=X_test,
        Y_test=y[te].reshape(1, -1),
        image_shape=None,
        class_names=("orange", "blue"),
        source=source,
        raw=X,
        raw_test=X_test,
        spec=spec,
        points=_frozen(p[:, tr]),
        points_test=_frozen(p[:, te]),
    )


def _frozen(a: np.ndarray) -> np.ndarray:
    a = np.array(a, np.float64, order="C", copy=True)
    a.flags.writeable = False
    return a


def default_spec(kind: str) -> PlanarSpec:
    """`kind` at 0 % noise, ratio 50 %, seed 1, with its default features."""
    key = kind.strip().lower()
    if key not in PLANAR:
        raise DataError(None, f"no 2-D dataset {kind!r}; choose one of {', '.join(PLANAR)}")
    return PlanarSpec(key, features=DEFAULTS[key].features)


def is_planar(spec: str) -> bool:
    """True when `spec` names a 2-D dataset ("spiral" or "spiral:noise=…")."""
    return str(spec).strip().lower().split(":", 1)[0] in PLANAR


def parse_spec(text: str) -> PlanarSpec:
    """'kind' or 'kind:noise=N,ratio=R,seed=S,features=a+b' (N, R in %). Raises DataError."""
    kind, _, rest = str(text).strip().partition(":")
    spec = default_spec(kind)
    changes: dict = {}
    for part in filter(None, (s.strip() for s in rest.split(","))):
        key, eq, value = part.partition("=")
        key, value = key.strip().lower(), value.strip()
        try:
            if not eq:
                raise ValueError
            if key == "noise":
                changes["noise"] = float(value) / 100
            elif key == "ratio":
                changes["ratio"] = float(value) / 100
            elif key == "seed":
                changes["seed"] = int(value)
            elif key == "features":
                changes["features"] = tuple(
                    v.strip().lower() for v in value.split("+") if v.strip()
                )
            else:
                raise DataError(text, f"unknown setting {key!r}: use noise, ratio, seed, features")
        except ValueError:
            raise DataError(text, f"{part!r} is not setting=number") from None
    return replace(spec, **changes)


def load_planar(text: str) -> PlanarDataset:
    """The 2-D dataset a spec text names (see parse_spec). Raises DataError."""
    return make_planar(parse_spec(text))


def plane_points(ds: Dataset) -> tuple[np.ndarray, np.ndarray] | None:
    """(train points (2, m), test points (2, m_test)) of a 2-D dataset: a PlanarDataset's
    points, or X itself for other data with two inputs and no picture (the course's flower);
    None for anything else."""
    if isinstance(ds, PlanarDataset) and ds.spec is not None:
        return ds.points, ds.points_test
    if ds.image_shape is None and ds.n_x == 2:
        return np.asarray(ds.X, np.float64), np.asarray(ds.X_test, np.float64)
    return None


def features_of(ds: Dataset, points: np.ndarray) -> np.ndarray:
    """The network's input (n_x, k) for plane points (2, k) of the 2-D dataset ds."""
    if isinstance(ds, PlanarDataset) and ds.spec is not None:
        return ds.spec.features_of(points)
    return np.asarray(points, np.float64)


def defaults_for(ds: Dataset) -> Defaults | None:
    """The network settings a built-in 2-D dataset starts with (None for other data)."""
    if isinstance(ds, PlanarDataset) and ds.spec is not None:
        return DEFAULTS.get(ds.spec.kind)  # drawn points: none
    return None


def with_defaults(ds: Dataset, config, given: tuple[str, ...] = ()):
    """`config` (a TrainConfig) with the 2-D dataset's default hidden layers, activation and
    learning rate, except the fields named in `given` (the user's own choices); unchanged for
    other data."""
    d = defaults_for(ds)
    if d is None:
        return config
    fields = {"hidden_layers": d.hidden_layers, "activation": d.activation, "lr": d.lr}
    return replace(config, **{k: v for k, v in fields.items() if k not in given})


def cli_config(ds: Dataset, config, args):
    """with_defaults for `nnviz train`: --layers, --activation and an --lr other than the
    parser's default count as given."""
    given = tuple(
        name
        for name, value, default in (
            ("hidden_layers", getattr(args, "layers", None), None),
            ("activation", getattr(args, "activation", None), None),
            ("lr", getattr(args, "lr", None), type(config).lr),
        )
        if value is not None and value != default
    )
    return with_defaults(ds, config, given)
