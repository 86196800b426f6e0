"""helpers: the NumPy library behind "LSTM, from the gradient up".

Import the module you need; importing the package itself loads nothing heavy and changes no setting.

Numeric core (NumPy only):
    activations  sigmoid, tanh, their derivatives and bounds gamma
    rnn          Elman RNN forward, BPTT, gradient-norm curves
    lstm         LSTM step and sequence, forward and backward, every variant of Greff et al. 2017 we use
    gru          GRU step and sequence, forward and backward, reset before (Cho et al. 2014) or after (cuDNN)
    clipping     clip by global norm (Pascanu et al. 2013) and by value
    gradcheck    centred finite differences and relative error
    tasks        synthetic sequence tasks (adding problem, ...)
    models       an RNN, LSTM or GRU with a linear read-out, MSE loss and gradients
    train        SGD / Adam loop with clipping, a progress bar and a history
"""

__version__ = "0.1.0"
