"""The numpy engine: activations, losses, initialisations, the network, its trainer. No Qt."""

from nnviz.engine.activations import ACTIVATIONS, get_activation, sigmoid
from nnviz.engine.init import INITS, initialize
from nnviz.engine.losses import LOSSES, get_loss
from nnviz.engine.network import Architecture, accuracy, backward, forward, predict_proba
from nnviz.engine.trainer import Phase, TrainConfig, Trainer, TrainingDiverged, phases

__all__ = [
    "ACTIVATIONS",
    "INITS",
    "LOSSES",
    "Architecture",
    "Phase",
    "TrainConfig",
    "Trainer",
    "TrainingDiverged",
    "accuracy",
    "backward",
    "forward",
    "get_activation",
    "get_loss",
    "initialize",
    "phases",
    "predict_proba",
    "sigmoid",
]
