"""Export the notebooks as offline reveal.js slides (``make slides``) and static HTML pages (``make html``).

Command line::

    python -m helpers.export slides          # build/slides/{en,ja}/NN_name.slides.html + index pages
    python -m helpers.export html            # build/html/{en,ja}/NN_name.html + index pages
    python -m helpers.export slides html     # both from one run of every notebook

Every notebook runs with ``LECTURE_STATIC=1`` (explorers become images, quizzes fold their answers).
Code cells tagged ``hide-input`` show only their output. Pages load reveal.js, MathJax and a Japanese font
from the build's own ``assets/`` folder, never from the network.

Nothing else in ``helpers`` imports this package (it pulls in nbconvert and runs kernels).
"""
