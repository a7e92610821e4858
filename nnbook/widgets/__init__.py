"""Live widgets: draw a digit, watch the network light up, tune a neuron, break it, watch it learn.

They run in JupyterLab and Jupyter Notebook 7 (the ``anywidget`` and
``ipywidgets`` packages bring their browser parts along):

- :class:`DigitCanvas` — draw a digit with the mouse, a pen or a finger;
  ``canvas.image`` is the 28×28 image the network sees.
- :class:`NetworkExplorer` — the video's picture of the network, every neuron
  lit by its activation, fed by a canvas or by a picker over test digits.
- :class:`NeuronExplorer` — one neuron with sliders for its weights and bias,
  on the sigmoid curve and on a strip of real digits.
- :class:`ForwardPassStepper` — one digit through the network step by step:
  each row of W times the layer before, then + b, then σ, to the answer.
- :class:`TrainingExplorer` — press play and watch a network learn from the
  8,000 training digits: its first-layer weights, the cost, the accuracy.
- :class:`NetworkLab` — the trained network with its knobs: switch neurons
  off, shift biases, scale weights, add noise; the accuracy follows at once.
- :class:`LayerMap` — the 2,000 test digits as dots, layer by layer, drawing
  apart as the trained network reads them (beside the untrained one).
"""

from .digit_canvas import DigitCanvas
from .forward_pass_stepper import ForwardPassStepper
from .layer_map import LayerMap
from .network_explorer import NetworkExplorer
from .network_lab import NetworkLab
from .neuron_explorer import NeuronExplorer
from .training_explorer import TrainingExplorer

__all__ = ["DigitCanvas", "ForwardPassStepper", "LayerMap", "NetworkExplorer", "NetworkLab", "NeuronExplorer",
           "TrainingExplorer"]
