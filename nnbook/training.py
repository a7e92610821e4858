"""Training by mini-batch gradient descent (being written; see issue 3)."""


def train(*args, **kwargs):
    raise NotImplementedError("nnbook.train is not written yet")
