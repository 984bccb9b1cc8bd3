# Misclassified test images, the predicted class under each and the true
# one under that.
# Data: fashion --pictures; block 0: x y grey level; block 1: x y
# "predicted" "true".
unset border
unset tics
unset key
unset colorbox
set size ratio -1
set palette gray negative
set cbrange [0:1]
set margins 0, 0, 0, 0
f = data.'/fashion-errors.dat'
plot f index 0 using 1:2:3 with image, \
     f index 1 using 1:2:3 with labels, \
     f index 1 using 1:($2 - 5):4 with labels
