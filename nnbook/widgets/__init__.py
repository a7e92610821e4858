"""Live widgets: draw a digit, watch the network light up, tune a neuron.

They run in JupyterLab and Jupyter Notebook 7 (the ``anywidget`` and
``ipywidgets`` packages bring their browser parts along):

- :class:`DigitCanvas` — draw a digit with the mouse, a pen or a finger;
  ``canvas.image`` is the 28×28 image the network sees.
- :class:`NetworkExplorer` — the video's picture of the network, every neuron
  lit by its activation, fed by a canvas or by a picker over test digits.
- :class:`NeuronExplorer` — one neuron with sliders for its weights and bias,
  on the sigmoid curve and on a strip of real digits.
"""

from .digit_canvas import DigitCanvas
from .network_explorer import NetworkExplorer
from .neuron_explorer import NeuronExplorer

__all__ = ["DigitCanvas", "NetworkExplorer", "NeuronExplorer"]
